// Writes a generated movement (generator.hpp) as the files a user would
// have: interactions.csv (time,source,target,event,kind,weight; ISO 8601
// UTC times) and actors.csv (id,role,label,site,joined). Atomic.
#pragma once
#include <string>

#include "movemap/generator.hpp"

namespace movemap {

void write_generated_movement(const GeneratedMovement& movement, const std::string& out_dir);

}  // namespace movemap
