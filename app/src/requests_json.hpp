#pragma once
// One 请示 with the 批复 that answer it, as `gongwen requests --json` and GET /api/requests
// give it (app/src/cmd_requests.cpp).
#include <nlohmann/json.hpp>

#include "gongwen/services/requests.hpp"

namespace gongwen::app {

nlohmann::json request_json(const services::RequestStatus& s);

}  // namespace gongwen::app
