#include "gongwen/services/next_step.hpp"

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
  switch (n.step) {
    case Step::Review: return "review by " + n.user;
    case Step::SignOff: return "sign-off";
    case Step::Issue: return "issue (seal keeper)";
    case Step::Revise: return "revise and resubmit by " + n.user;
    case Step::Handle: return "handling and circulation";
    case Step::Verify: return "四性检测: gongwen archive verify";
    case Step::ReturnLoan: return "return by " + n.user;
    case Step::Done: return "done";
    case Step::Voided: return "voided";
  }
  return "";
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
