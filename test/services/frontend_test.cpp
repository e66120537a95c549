// The frontend: nginx's configuration as the image renders it, and the page driven in a real Chromium
// through nginx against the api, PostgreSQL and Redis.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "local_stack.hpp"
#include "service_test_support.hpp"

namespace {

std::string template_text() {
  std::ifstream in(sample::local::frontend_directory() / "nginx.conf.template");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Frontend, RenderingReplacesOnlyTheTemplatesOwnVariables) {
  std::string rendered =
      sample::local::render_nginx_config(template_text(), 8080, "api:8080", "/srv/www", "/run/x");
  EXPECT_NE(rendered.find("listen 8080;"), std::string::npos);
  EXPECT_NE(rendered.find("server api:8080;"), std::string::npos);
  EXPECT_NE(rendered.find("root /srv/www;"), std::string::npos);
  EXPECT_EQ(rendered.find("${"), std::string::npos) << "a variable left unrendered";
  EXPECT_NE(rendered.find("$http_x_amzn_trace_id"), std::string::npos) << "nginx's own variables stay";
}

TEST(Frontend, NginxAcceptsTheRenderedConfiguration) {
  sample::local::TemporaryDirectory directory;
  std::ofstream(directory.path() / "nginx.conf") << sample::local::render_nginx_config(
      template_text(), sample::local::free_port(), "127.0.0.1:9", "/tmp", directory.path());
  sample::local::ChildProcess check(
      {.argv = {"/usr/sbin/nginx", "-e", "stderr", "-t", "-c", (directory.path() / "nginx.conf").string()},
       .log_file = directory.path() / "check.log"});
  EXPECT_EQ(check.wait(std::chrono::seconds(30)), 0) << check.log_tail();
}

TEST(Frontend, ServesThePageAndProxiesTheApiWithTheTraceHeader) {
  sample::local::LocalStack stack({.worker = false, .frontend = true});
  auto page = sample::testing::http_get(stack.frontend_port(), "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>Items</title>"), std::string::npos);
  EXPECT_EQ(page.header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);

  const std::string trace = "Root=1-5759e988-bd862e3fe1be46a994272793";
  auto created =
      sample::testing::http_post(stack.frontend_port(), "/api/v1/items", R"({"name": "via nginx"})",
                                 "application/json", {{"X-Amzn-Trace-Id", trace}});
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("X-Amzn-Trace-Id"), trace);
  auto too_large =
      sample::testing::http_post(stack.frontend_port(), "/api/v1/items", std::string(20000, 'x'));
  EXPECT_EQ(too_large.status, 413) << "nginx enforces the api's body limit too";
}

TEST(Frontend, APersonCanListCreateAndDeleteItemsInChromium) {
  sample::local::LocalStack stack({.worker = false, .frontend = true});
  std::filesystem::path output = stack.directory() / "e2e.log";
  sample::local::ChildProcess e2e(
      {.argv = {NODE_BINARY, PROJECT_SOURCE_DIR "/test/services/frontend_e2e.mjs", stack.frontend_url()},
       .log_file = output});
  int status = e2e.wait(std::chrono::seconds(90));
  EXPECT_EQ(status, 0) << e2e.log_tail() << "\nnginx:\n"
                       << stack.frontend().log_tail() << "\napi:\n"
                       << stack.api().log_tail();
  EXPECT_EQ(sample::testing::query_value(stack.postgres().connection_string(),
                                         "SELECT string_agg(name, ',' ORDER BY id) FROM items"),
            "Second <b>item</b>")
      << "what the page did is what the database holds";
}

}  // namespace
