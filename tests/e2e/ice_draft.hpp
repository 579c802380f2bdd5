#pragma once
// A notice as a clerk drafts it (冬季村道除冰), for the command-line tests that take a draft
// through the workflow.
namespace gongwen::e2e {

inline const char* kIceDraft = R"(template = "notice"
organ = "government"
title = "关于做好冬季村道除冰保畅工作的通知"
to = "各村委会，乡属各单位"
date = 2026-12-01
drafter = "wangfang"
body = """
入冬以来，我乡高海拔路段已出现道路结冰。为保障群众出行安全，现就有关事项通知如下：
一、落实责任
各村要明确专人负责本村道路巡查，发现结冰及时撒布融雪剂。
二、加强值守
乡属各单位要落实24小时值班制度，遇有险情立即报告乡党政办公室。
"""
)";

}  // namespace gongwen::e2e
