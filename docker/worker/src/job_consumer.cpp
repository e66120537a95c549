#include "job_consumer.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "enrichment.hpp"
#include "jobs.hpp"

namespace sample {
namespace {

std::map<std::string, std::string> field_map(const RedisValue& flat) {
  std::map<std::string, std::string> fields;
  for (std::size_t i = 0; i + 1 < flat.elements.size(); i += 2) {
    fields[flat.elements[i].text] = flat.elements[i + 1].text;
  }
  return fields;
}

long long parse_item_id(const std::map<std::string, std::string>& fields) {
  auto found = fields.find("item_id");
  if (found == fields.end()) throw std::invalid_argument("job has no item_id field");
  long long id = 0;
  const std::string& text = found->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw std::invalid_argument("job's item_id '" + text + "' is not a positive integer");
  }
  return id;
}

std::string trace_of(const std::map<std::string, std::string>& fields) {
  auto found = fields.find("trace_header");
  return found == fields.end() ? std::string() : found->second;
}

}  // namespace

JobConsumer::JobConsumer(PostgresPool& database, RedisPool& redis, JsonLog& log, ConsumerOptions options)
    : database_(database), redis_(redis), log_(log), options_(std::move(options)) {}

void JobConsumer::ensure_group() {
  if (group_ready_) return;
  try {
    // From the stream's start ("0"), so jobs the api enqueued before any worker ran are not skipped.
    redis_.command({"XGROUP", "CREATE", std::string(kJobStream), std::string(kJobGroup), "0", "MKSTREAM"});
    log_.info("consumer group created", {{"stream", kJobStream}, {"group", kJobGroup}});
  } catch (const RedisReplyError& error) {
    if (std::string_view(error.what()).rfind("BUSYGROUP", 0) != 0) throw;
  }
  group_ready_ = true;
}

void JobConsumer::run_once() {
  ensure_group();
  try {
    claim_due_jobs();
    read_new_jobs();
  } catch (const RedisReplyError& error) {
    // A restarted Redis without persistence has lost the group (and the stream): create it again; the
    // reconciler re-enqueues the jobs that were lost with it.
    if (std::string_view(error.what()).rfind("NOGROUP", 0) != 0) throw;
    log_.write("warn", "consumer group missing, creating it again", {{"error", error.what()}});
    group_ready_ = false;
  } catch (const RedisUnavailable&) {
    group_ready_ = false;  // a new server may not have the group
    throw;
  }
}

std::chrono::milliseconds JobConsumer::retry_delay(long long deliveries) const {
  std::chrono::milliseconds delay = options_.retry_base;
  for (long long i = 1; i < deliveries && delay < options_.retry_max; ++i) delay *= 2;
  return std::max(options_.claim_idle, std::min(delay, options_.retry_max));
}

void JobConsumer::claim_due_jobs() {
  RedisValue pending =
      redis_.command({"XPENDING", std::string(kJobStream), std::string(kJobGroup), "IDLE",
                      std::to_string(options_.claim_idle.count()), "-", "+", std::to_string(options_.batch)});
  for (const RedisValue& entry : pending.elements) {
    // [id, consumer, idle milliseconds, deliveries so far]
    const std::string& id = entry.elements.at(0).text;
    long long idle = entry.elements.at(2).integer;
    long long deliveries = entry.elements.at(3).integer;
    std::chrono::milliseconds due = retry_delay(deliveries);
    if (idle < due.count()) continue;
    // XCLAIM checks the idle time again, so two workers cannot both take the job.
    RedisValue claimed = redis_.command({"XCLAIM", std::string(kJobStream), std::string(kJobGroup),
                                         options_.consumer, std::to_string(due.count()), id});
    for (const RedisValue& message : claimed.elements) {
      if (message.is_nil() || message.elements.size() < 2 || message.elements[1].is_nil()) continue;
      handle({message.elements[0].text, field_map(message.elements[1]), deliveries + 1});
    }
    if (claimed.elements.empty()) {
      // Trimmed from the stream while pending: nothing to process, and nothing will ever be.
      redis_.command({"XACK", std::string(kJobStream), std::string(kJobGroup), id});
    }
  }
}

void JobConsumer::read_new_jobs() {
  RedisValue reply =
      redis_.command({"XREADGROUP", "GROUP", std::string(kJobGroup), options_.consumer, "COUNT",
                      std::to_string(options_.batch), "BLOCK", std::to_string(options_.block.count()),
                      "STREAMS", std::string(kJobStream), ">"});
  if (reply.is_nil()) return;  // nothing arrived within the block time
  for (const RedisValue& stream : reply.elements) {
    for (const RedisValue& message : stream.elements.at(1).elements) {
      handle({message.elements.at(0).text, field_map(message.elements.at(1)), 1});
    }
  }
}

void JobConsumer::handle(const Job& job) {
  try {
    record(parse_item_id(job.fields), job.deliveries);
    redis_.command({"XACK", std::string(kJobStream), std::string(kJobGroup), job.id});
    ++counters_.processed;
  } catch (const RedisUnavailable&) {
    throw;  // the job stays pending; it is claimed again once Redis is back
  } catch (const std::exception& failure) {
    ++counters_.failed;
    std::string reason = failure.what();
    bool final_attempt = job.deliveries >= options_.max_attempts;
    log_.write(final_attempt ? "error" : "warn",
               final_attempt ? "job failed for the last time" : "job failed, will retry",
               {{"job_id", job.id},
                {"attempt", job.deliveries},
                {"max_attempts", options_.max_attempts},
                {"error", reason},
                {"retry_in_ms", final_attempt ? 0 : retry_delay(job.deliveries).count()},
                {"trace_header", trace_of(job.fields)}});
    if (final_attempt) dead_letter(job, reason);
  }
}

void JobConsumer::record(long long item_id, long long deliveries) {
  bool changed = database_.run([&](pqxx::connection& connection) {
    pqxx::work transaction(connection);
    pqxx::result rows = transaction.exec_params(
        "SELECT name, description FROM items WHERE id = $1 AND status = 'pending' FOR UPDATE", item_id);
    if (rows.empty()) return false;  // deleted, or recorded by an earlier delivery
    Enrichment enrichment = enrich(rows[0][0].as<std::string>(), rows[0][1].as<std::string>());
    transaction.exec_params(
        "UPDATE items SET status = 'processed', slug = $2, word_count = $3, attempts = $4, "
        "processed_at = now(), updated_at = now() WHERE id = $1",
        item_id, enrichment.slug, enrichment.word_count, deliveries);
    transaction.commit();
    return true;
  });
  if (changed) {
    try {
      redis_.command({"INCR", std::string(kCacheGenerationKey)});  // cached reads show the item as pending
    } catch (const RedisReplyError&) {
      // Not fatal: the cached read expires within its TTL.
    }
  }
}

void JobConsumer::dead_letter(const Job& job, const std::string& reason) {
  std::vector<std::string> command = {
      "XADD",     std::string(kDeadLetterStream), "*", "original_id", job.id, "error", reason,
      "attempts", std::to_string(job.deliveries)};
  for (const auto& [field, value] : job.fields) {
    command.push_back(field);
    command.push_back(value);
  }
  // Added before it is acknowledged: a crash between the two leaves a duplicate, never a loss.
  redis_.command(command);
  redis_.command({"XACK", std::string(kJobStream), std::string(kJobGroup), job.id});
  ++counters_.dead_lettered;
  try {
    long long item_id = parse_item_id(job.fields);
    database_.run([&](pqxx::connection& connection) {
      pqxx::work transaction(connection);
      transaction.exec_params(
          "UPDATE items SET status = 'failed', attempts = $2, updated_at = now() WHERE id = $1 AND status = "
          "'pending'",
          item_id, job.deliveries);
      transaction.commit();
    });
  } catch (const std::exception&) {
    // A malformed job names no item; an unreachable database leaves the item pending for the reconciler.
  }
}

long long JobConsumer::backlog() {
  RedisValue groups = redis_.command({"XINFO", "GROUPS", std::string(kJobStream)});
  for (const RedisValue& group : groups.elements) {
    std::map<std::string, const RedisValue*> info;
    for (std::size_t i = 0; i + 1 < group.elements.size(); i += 2)
      info[group.elements[i].text] = &group.elements[i + 1];
    if (info.count("name") == 0 || info["name"]->text != kJobGroup) continue;
    long long pending = info.count("pending") != 0 ? info["pending"]->integer : 0;
    // "lag" is nil when Redis cannot tell (entries deleted out of order); then only the pending count is
    // known.
    long long lag = info.count("lag") != 0 && !info["lag"]->is_nil() ? info["lag"]->integer : 0;
    return pending + lag;
  }
  return 0;
}

ConsumerCounters JobConsumer::take_counters() { return std::exchange(counters_, {}); }

}  // namespace sample
