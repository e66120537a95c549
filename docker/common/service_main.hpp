// What every service's main() does around its own work: `NAME healthcheck` (the image's HEALTHCHECK), a usage
// error for anything else on the command line, and the exit status a failure ends in, logged as one line.
#pragma once

#include <functional>
#include <string>

#include "json_log.hpp"

namespace sample {

struct ServiceMain {
  std::string name;                   // as logged ("api") and in the usage line ("sample-api")
  std::function<int()> health_check;  // 0 healthy, 1 not
  std::function<int(JsonLog&)> run;   // the service; its return value is the exit status
};

// A ConfigError ends the service with status 2 ("configuration error"), any other exception with 1 ("cannot
// start"), a bad command line with 2.
int run_service_main(int argc, char** argv, const ServiceMain& service);

}  // namespace sample
