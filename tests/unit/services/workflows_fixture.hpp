#pragma once
// A workspace with an office (office_fixture.hpp) and the service layer's Workflows over it:
// the fixture of the tests that go through the workflows as the CLI and the web do.
#include <memory>
#include <string>

#include "office_fixture.hpp"
#include "gongwen/services/workflows.hpp"

namespace gongwen::services::test {

class WorkflowsFixture : public archive::test::OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    if (HasFatalFailure()) return;
    flows = std::make_unique<Workflows>(*ws, clock);
  }
  void TearDown() override {
    flows.reset();
    OfficeTest::TearDown();
  }
  const User& user(const std::string& id) { return *ws->profile().user(id); }
  std::unique_ptr<Workflows> flows;
};

}  // namespace gongwen::services::test
