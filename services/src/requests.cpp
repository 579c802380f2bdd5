// 请示 and their 批复: the read side of the links (services/requests.hpp).
#include "gongwen/services/requests.hpp"

#include <algorithm>

#include "gongwen/pipeline/number.hpp"
#include "gongwen/services/access.hpp"

namespace gongwen::services {

namespace {

// Days since 1970-01-01 of a calendar date (proleptic Gregorian; H. Hinnant's days_from_civil).
long days_from_civil(const Date& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153u * static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9)) + 2u) / 5u +
                       static_cast<unsigned>(d.day) - 1u;
  const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  return static_cast<long>(era) * 146097L + static_cast<long>(doe) - 719468L;
}

// A 文号 as the links store it: the normal form when it reads as one (〔〕, no 第, no zeros).
std::string normal_number(const std::string& written) {
  const auto n = parse_doc_number(written);
  return n ? n->text() : written;
}

RequestStatus request(RequestStatus::Side side, std::string number, std::string title, std::string party,
                      Date date, Secrecy secrecy) {
  RequestStatus s;
  s.side = side;
  s.number = std::move(number);
  s.title = std::move(title);
  s.party = std::move(party);
  s.date = date;
  s.secrecy = secrecy;
  return s;
}

}  // namespace

RequestList request_statuses(archive::Workspace& ws, const User& reader, const Date& today, int limit_days) {
  archive::Registry& reg = ws.registry();
  RequestList out;
  auto add = [&](RequestStatus s) {
    if (!may_see(reader, s.secrecy)) {
      ++out.hidden;
      return;
    }
    s.replies = reg.replies_to(s.number);
    if (s.replies.empty()) {
      if (s.date.valid()) s.days_waiting = std::max(0L, days_from_civil(today) - days_from_civil(s.date));
      s.overdue = s.days_waiting > limit_days;
    }
    out.requests.push_back(std::move(s));
  };
  for (const archive::ReceivedRecord& r : reg.received_list(std::nullopt)) {
    if (r.kind != "请示") continue;
    // One without a 文号 of its own is known by its 收文号.
    add(request(RequestStatus::Side::Received,
                r.their_number.empty() ? r.registration() : normal_number(r.their_number), r.title, r.sender, r.date,
                r.secrecy));
  }
  for (const archive::IssuedRecord& r : reg.issued(std::nullopt))
    if (r.kind == "请示") add(request(RequestStatus::Side::Issued, r.number, r.title, r.recipients, r.date, r.secrecy));
  std::stable_sort(out.requests.begin(), out.requests.end(),
                   [](const RequestStatus& a, const RequestStatus& b) { return a.date < b.date; });
  return out;
}

std::vector<archive::ReplyRecord> what_reply_answers(archive::Workspace& ws, const std::string& reply_number) {
  return ws.registry().replies_by_number(reply_number);
}

}  // namespace gongwen::services
