// Every error movemap raises derives from movemap::Error. The message is
// meant for the researcher: it names the file, line and column where there is
// one, what was wrong and what was expected. engine/ never prints or exits;
// the CLI maps these classes to exit codes, the bindings to Python exceptions.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace movemap {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad data in an input file or table (CLI exit code 3).
class InputError : public Error {
 public:
  // `where` is a prefix such as "log.csv:17: column 3 'time'".
  InputError(std::string file, std::uint64_t line, std::string message)
      : Error(file.empty() ? message
                           : (line ? file + ":" + std::to_string(line) + ": " + message
                                   : file + ": " + message)),
        file_(std::move(file)), line_(line) {}
  const std::string& file() const noexcept { return file_; }
  std::uint64_t line() const noexcept { return line_; }

 private:
  std::string file_;
  std::uint64_t line_;
};

// Bad arguments or options (CLI exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

// A file could not be opened, read or written (CLI exit code 4).
class IoError : public Error {
 public:
  using Error::Error;
};

// A progress callback asked to stop (CLI exit code 130).
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace movemap
