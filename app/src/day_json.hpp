#pragma once
// Calendar days as the CLI's --json and the web API show them: the ISO day "2026-09-01", and ""
// for none (the pages test the field's emptiness, so a missing day is never JSON null).
#include <optional>
#include <string>

#include "gongwen/pipeline/date.hpp"

namespace gongwen::app {

inline std::string day_json(const Date& d) { return d.valid() ? d.iso() : std::string(); }
inline std::string day_json(const std::optional<Date>& d) { return d ? day_json(*d) : std::string(); }

}  // namespace gongwen::app
