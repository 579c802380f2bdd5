// One 请示 with its 批复 as JSON, shared by `gongwen requests --json` and GET /api/requests
// (so it lives beside the web desk's sources in gongwen_web, see CMakeLists.txt).
#include "requests_json.hpp"
#include "day_json.hpp"

namespace gongwen::app {

namespace {

nlohmann::json reply_json(const archive::ReplyRecord& r) {
  return {{"number", r.reply_number}, {"title", r.reply_title}, {"by", r.replied_by}, {"date", day_json(r.replied_on)}};
}

}  // namespace

nlohmann::json request_json(const services::RequestStatus& s) {
  nlohmann::json replies = nlohmann::json::array();
  for (const auto& r : s.replies) replies.push_back(reply_json(r));
  return {{"side", s.side == services::RequestStatus::Side::Received ? "received" : "issued"},
          {"number", s.number}, {"title", s.title}, {"party", s.party}, {"date", day_json(s.date)},
          {"replies", replies}, {"days_waiting", s.days_waiting}, {"overdue", s.overdue}};
}

}  // namespace gongwen::app
