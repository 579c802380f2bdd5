#pragma once
// 请示 and their 批复 (issue 15): every 请示 in the registers — received from a village or a
// station (we answer it), or issued by us (the county answers it) — with the 批复 linked to
// it, and the ones still waiting past the office's limit. The links are written when a 批复
// is issued (services/office.cpp) or received (archive/receiving.cpp); this is the read side.
#include <string>
#include <vector>

#include "gongwen/archive/records.hpp"
#include "gongwen/archive/workspace.hpp"

namespace gongwen::services {

struct RequestStatus {
  enum class Side { Received, Issued };  // 收文 (we owe the 批复) / 发文 (we await it)
  Side side = Side::Received;
  std::string number, title;
  std::string party;  // the sender of a received 请示, the 主送 of ours
  Date date;          // the 请示's 成文日期
  Secrecy secrecy = Secrecy::None;
  std::vector<archive::ReplyRecord> replies;  // the 批复 that answer it, oldest first
  int days_waiting = 0;                       // since its date, while unanswered
  bool overdue = false;                       // unanswered for more than the limit
};

// The 请示 this reader may see (the others are counted in `hidden`), oldest first.
struct RequestList {
  std::vector<RequestStatus> requests;
  int hidden = 0;
};
// `limit_days`: days after its date a 请示 may wait for its 批复 before it is overdue.
RequestList request_statuses(archive::Workspace& ws, const User& reader, const Date& today, int limit_days);

// The 批复 recorded as answering a document (empty for one that is no 批复): the "answers"
// side of the link, for a 批复's own page.
std::vector<archive::ReplyRecord> what_reply_answers(archive::Workspace& ws, const std::string& reply_number);

// The default limit: 15 days, the office's 办文时限 for a 请示 (docs/registers.md).
constexpr int kRequestLimitDays = 15;

}  // namespace gongwen::services
