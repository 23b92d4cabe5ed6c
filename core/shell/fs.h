// The console's file commands (cat, ls, rm, touch) over its home directory (core/base/memfs.h).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/memfs.h"

namespace kp {

class Execution;

// cat, ls, rm and touch over the console's files, with coreutils' options and messages.
bool isFileCommand(const std::string& name);
void runFileCommand(MemFs& fs, Time now, const std::vector<std::string>& words, Execution& ex);

}  // namespace kp
