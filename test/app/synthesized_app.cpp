#include "synthesized_app.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "../support/scratch.hpp"
#include "config/environments.hpp"

namespace app_test {

namespace cdk = aws_cdk_lib;

namespace {

nlohmann::json read_json(const std::string& name) {
  const std::string path = std::string(PROJECT_SOURCE_DIR) + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return nlohmann::json::parse(in);
}

}  // namespace

nlohmann::json cdk_json_context() { return read_json("cdk.json").at("context"); }

namespace {

cdk::AppProps app_props(const std::string& environment) {
  std::map<std::string, jsii::Any> context;
  // As the CLI does: cdk.json's context, then the committed lookups of cdk.context.json.
  const auto defaults = cdk_json_context();
  const auto lookups = read_json("cdk.context.json");
  for (const auto& [key, value] : defaults.items()) context.emplace(key, jsii::Any::parse(value.dump()));
  for (const auto& [key, value] : lookups.items()) {
    context.insert_or_assign(key, jsii::Any::parse(value.dump()));
  }
  context.insert_or_assign("environment", jsii::Any(environment));
  return {.context = context, .outdir = test_support::scratch_directory("app-" + environment).string()};
}

}  // namespace

std::unique_ptr<SynthesizedApp> build_app(const std::string& environment) {
  const auto config = infra::config::find_environment(environment);
  if (!config) throw std::invalid_argument(infra::config::unknown_environment_message(environment));
  // Built in place: the stacks keep handles to the App, which is never moved.
  auto built = std::unique_ptr<SynthesizedApp>(
      new SynthesizedApp{.app = cdk::App(app_props(environment)), .config = *config, .stacks = {}});
  built->stacks = infra::add_infrastructure(built->app, built->config);
  return built;
}

namespace {

const cdk::Stack& stack_by_id(const SynthesizedApp& built, const std::string& stack_id) {
  const auto& s = built.stacks;
  if (stack_id == "NetworkStack") return *s.network;
  if (stack_id == "SecurityStack") return *s.security;
  if (stack_id == "EdgeSecurityStack") return *s.edge_security;
  if (stack_id == "StorageStack") return *s.storage;
  if (stack_id == "StorageReplicaStack" && s.storage_replica) return *s.storage_replica;
  throw std::invalid_argument("no stack '" + stack_id + "' in this app");
}

}  // namespace

const SynthesizedApp& synthesized(const std::string& environment) {
  static std::map<std::string, std::unique_ptr<SynthesizedApp>> apps;
  const auto found = apps.find(environment);
  if (found != apps.end()) return *found->second;
  return *apps.emplace(environment, build_app(environment)).first->second;
}

const StackTemplate& template_of(const std::string& environment, const std::string& stack_id) {
  static std::map<std::string, std::unique_ptr<StackTemplate>> templates;
  const std::string key = environment + "/" + stack_id;
  const auto found = templates.find(key);
  if (found != templates.end()) return *found->second;
  auto made = std::unique_ptr<StackTemplate>(new StackTemplate{
      .assertions = cdk::assertions::Template::fromStack(stack_by_id(synthesized(environment), stack_id)),
      .json = nullptr});
  made->json = nlohmann::json::parse(jsii::Any::object(made->assertions.toJSON()).dump());
  return *templates.emplace(key, std::move(made)).first->second;
}

std::vector<std::pair<std::string, nlohmann::json>> resources(const nlohmann::json& tmpl,
                                                              const std::string& type) {
  std::vector<std::pair<std::string, nlohmann::json>> found;
  for (const auto& [id, resource] : tmpl.at("Resources").items()) {
    if (resource.at("Type") == type) found.emplace_back(id, resource);
  }
  return found;
}

}  // namespace app_test
