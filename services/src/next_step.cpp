#include "gongwen/services/next_step.hpp"

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::services {

const char* step_name(Step s) {
  switch (s) {
    case Step::Review: return "review";
    case Step::SignOff: return "sign-off";
    case Step::Issue: return "issue";
    case Step::Revise: return "revise";
    case Step::Handle: return "handle";
    case Step::Verify: return "verify";
    case Step::ReturnLoan: return "return-loan";
    case Step::Done: return "done";
    case Step::Voided: return "voided";
  }
  return "done";
}

std::string describe(const NextStep& n) {
  return msg(std::string("next.") + step_name(n.step), {{"name", n.user}});
}

std::string describe_chinese(const NextStep& n) {
  switch (n.step) {
    case Step::Review: return "待 " + n.user + " 审核";
    case Step::SignOff: return "待签发";
    case Step::Issue: return "待用印印发";
    case Step::Revise: return "退回 " + n.user + " 修改";
    case Step::Handle: return "待拟办、传阅";
    case Step::Verify: return "待四性检测";
    case Step::ReturnLoan: return "待 " + n.user + " 归还";
    case Step::Done: return "已办结";
    case Step::Voided: return "已作废";
  }
  return "";
}

}  // namespace gongwen::services
