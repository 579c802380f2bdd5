#pragma once
// What a workflow step leaves to be done, and by whom, as data: the CLI prints it in words,
// the web desk shows it in Chinese and decides from `step` which buttons to offer. Nobody
// parses a sentence to learn whose turn it is.
#include <string>

namespace gongwen::services {

enum class Step {
  Review,     // 审核: `user` is the reviewer whose turn it is
  SignOff,    // 签发: by a leader of the issuing organ (`user` empty)
  Issue,      // 用印印发: by the seal keeper (`user` empty)
  Revise,     // 退回修改: `user` is the drafter
  Handle,     // 拟办/批示 and 传阅 of a received document (`user` empty)
  Verify,     // 四性检测 of a filed year (`user` is the archivist who filed it)
  ReturnLoan, // a loan is out: `user` is the borrower
  Done,       // 已办结
  Voided,     // 已作废
};

struct NextStep {
  Step step = Step::Done;
  std::string user;
  bool operator==(const NextStep&) const = default;
};

// Stable machine name: "review", "sign-off", "issue", "revise", "handle", "verify",
// "return-loan", "done", "voided" (JSON and the web's switch).
const char* step_name(Step s);
// The step in the CLI's English words, as before this was data: "review by zhaoli",
// "sign-off", "issue (seal keeper)", "revise and resubmit by wangfang", "done", "voided".
std::string describe(const NextStep& n);
// The step in the office's Chinese words: "待 zhaoli 审核", "待签发", "待用印印发" …
std::string describe_chinese(const NextStep& n);

}  // namespace gongwen::services
