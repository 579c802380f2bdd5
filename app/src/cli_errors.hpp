#pragma once
// CLI11's own parse errors ("--year is required", "The following arguments were not
// expected: …", "Could not convert: …", "Value 3 not in range 1949 to 9999") in the clerk's
// language: each error class, and the option and value its text names, become a catalogue
// message (cli.parse.*). CLI11 carries no fields, only its words, so the option and value are
// read back from the forms CLI11 2.x writes; a form not recognised is shown inside a
// catalogue frame (cli.parse.other), never lost.
#include <CLI/Error.hpp>
#include <string>

namespace gongwen::app {

std::string parse_error_words(const CLI::Error& e);

}  // namespace gongwen::app
