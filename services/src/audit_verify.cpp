#include "gongwen/services/audit_verify.hpp"

#include "gongwen/services/clock_policy.hpp"

namespace gongwen::services {

std::vector<std::string> AuditVerdict::problems() const {
  std::vector<std::string> all = report.problems;
  if (order_is_failure) all.push_back(order_text);
  return all;
}

AuditVerdict audit_time_order(archive::Workspace& ws) {
  AuditVerdict v;
  const auto log = ws.registry().audit_log();
  v.report.entries = log.size();
  v.out_of_order = entries_out_of_time_order(log);
  if (v.out_of_order.empty()) return v;
  std::string list;
  for (std::size_t i = 0; i < v.out_of_order.size() && i < 10; ++i)
    for (const auto& e : log)
      if (e.seq == v.out_of_order[i])
        list += (list.empty() ? "" : "；") + std::string("第 ") + std::to_string(e.seq) + " 条（" + e.at + "）";
  if (v.out_of_order.size() > 10) list += " 等 " + std::to_string(v.out_of_order.size()) + " 条";
  v.order_text = "审计记录的时间顺序颠倒：" + list + " 早于它前面的记录";
  v.order_is_failure = !fixed_clock_allowed(ws);
  v.order_text += v.order_is_failure ? "（倒填时间或时钟被改动）" : "（演示/测试工作区允许固定时钟）";
  return v;
}

AuditVerdict verify_audit(archive::Workspace& ws) {
  AuditVerdict v = audit_time_order(ws);
  v.report = archive::check_audit(ws);
  return v;
}

}  // namespace gongwen::services
