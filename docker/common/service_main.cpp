#include "service_main.hpp"

#include <string_view>

#include "settings.hpp"

namespace sample {

int run_service_main(int argc, char** argv, const ServiceMain& service) {
  if (argc == 2 && std::string_view(argv[1]) == "healthcheck") return service.health_check();
  JsonLog log(service.name, stdout);
  if (argc != 1) {
    log.error("usage: sample-" + service.name +
              " [healthcheck]; configuration comes from the environment (docs/services.md)");
    return 2;
  }
  try {
    return service.run(log);
  } catch (const ConfigError& failure) {
    log.error("configuration error", {{"error", failure.what()}});
    return 2;
  } catch (const std::exception& failure) {
    log.error("cannot start", {{"error", failure.what()}});
    return 1;
  }
}

}  // namespace sample
