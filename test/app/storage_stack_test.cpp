// StorageStack: bucket encryption, TLS only, public-access block, versioning, lifecycle, access logs,
// replication; EFS; ECR; removal policies per environment.
#include <gtest/gtest.h>

#include <aws_cdk_lib/assertions/Match.hpp>

#include "synthesized_app.hpp"

namespace {

using app_test::resources;
using app_test::template_of;
using jsii::Any;
using nlohmann::json;

class StorageStack : public ::testing::TestWithParam<std::string> {};

bool retains(const std::string& environment) {
  return app_test::synthesized(environment).config.removal_policy == infra::config::RemovalPolicy::retain;
}

// The bucket whose logical id starts with `prefix` ("AccessLogs", "StaticSite", "Backups").
json bucket(const json& tmpl, const std::string& prefix) {
  for (const auto& [id, resource] : resources(tmpl, "AWS::S3::Bucket")) {
    if (id.starts_with(prefix)) return resource;
  }
  throw std::runtime_error("no bucket " + prefix);
}

TEST_P(StorageStack, EveryBucketIsEncryptedVersionedPrivateAndTlsOnly) {
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  const auto buckets = resources(tmpl.json, "AWS::S3::Bucket");
  ASSERT_EQ(buckets.size(), 3U);
  for (const auto& [id, resource] : buckets) {
    const auto& p = resource.at("Properties");
    EXPECT_EQ(p.at("PublicAccessBlockConfiguration"), (json{{"BlockPublicAcls", true},
                                                            {"BlockPublicPolicy", true},
                                                            {"IgnorePublicAcls", true},
                                                            {"RestrictPublicBuckets", true}}))
        << id;
    EXPECT_EQ(p.at("VersioningConfiguration"), (json{{"Status", "Enabled"}})) << id;
    EXPECT_TRUE(p.at("BucketEncryption").contains("ServerSideEncryptionConfiguration")) << id;
    EXPECT_FALSE(p.at("LifecycleConfiguration").at("Rules").empty()) << id;
  }
  // Each bucket's policy refuses plain HTTP and TLS below 1.2.
  const auto policies = resources(tmpl.json, "AWS::S3::BucketPolicy");
  EXPECT_EQ(policies.size(), 3U);
  for (const auto& [id, policy] : policies) {
    const std::string statements = policy.at("Properties").at("PolicyDocument").at("Statement").dump();
    EXPECT_NE(statements.find(R"("aws:SecureTransport":"false")"), std::string::npos) << id;
    EXPECT_NE(statements.find(R"("s3:TlsVersion":1.2)"), std::string::npos) << id;
  }
}

TEST_P(StorageStack, BackupsUseTheStorageKeyAndLogTargetsUseS3ManagedKeys) {
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  const auto sse = [&](const std::string& prefix) {
    const json found = bucket(tmpl.json, prefix);
    return found["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
                ["ServerSideEncryptionByDefault"];
  };
  EXPECT_EQ(sse("AccessLogs").at("SSEAlgorithm"), "AES256");
  EXPECT_EQ(sse("StaticSite").at("SSEAlgorithm"), "AES256");
  EXPECT_EQ(sse("Backups").at("SSEAlgorithm"), "aws:kms");
  // The key is SecurityStack's storage key, referenced across stacks (never an ARN string in the config).
  const std::string key = sse("Backups").at("KMSMasterKeyID").dump();
  EXPECT_NE(key.find("StorageKey"), std::string::npos) << key;
  EXPECT_NE(key.find("-security"), std::string::npos) << key;
}

TEST_P(StorageStack, SiteAndBackupsWriteServerAccessLogsToTheLogBucket) {
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  for (const auto& [prefix, log_prefix] :
       {std::pair{"StaticSite", "static-site/"}, std::pair{"Backups", "backups/"}}) {
    const auto found = bucket(tmpl.json, prefix);
    const auto& logging = found.at("Properties").at("LoggingConfiguration");
    EXPECT_TRUE(logging.at("DestinationBucketName").at("Ref").get<std::string>().starts_with("AccessLogs"))
        << prefix;
    EXPECT_EQ(logging.at("LogFilePrefix"), log_prefix);
  }
}

TEST_P(StorageStack, BackupsMoveToGlacierAndExpireAsConfigured) {
  const auto& storage = app_test::synthesized(GetParam()).config.storage;
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  const auto backups = bucket(tmpl.json, "Backups");
  const auto& rule = backups.at("Properties").at("LifecycleConfiguration").at("Rules")[0];
  EXPECT_EQ(rule.at("ExpirationInDays"), storage.backup_retention_days);
  EXPECT_EQ(rule.at("NoncurrentVersionExpiration").at("NoncurrentDays"),
            storage.noncurrent_version_retention_days);
  EXPECT_EQ(rule.at("Transitions"),
            (json::array(
                {{{"StorageClass", "GLACIER"}, {"TransitionInDays", storage.backup_archive_after_days}}})));
}

TEST_P(StorageStack, BackupsReplicateToAnotherRegionWhereConfigured) {
  const auto& built = app_test::synthesized(GetParam());
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  const auto backups_bucket = bucket(tmpl.json, "Backups");
  const auto& backups = backups_bucket.at("Properties");
  if (!built.config.storage.replication_region) {
    EXPECT_FALSE(backups.contains("ReplicationConfiguration"));
    EXPECT_EQ(built.stacks.storage_replica, nullptr);
    return;
  }
  ASSERT_NE(built.stacks.storage_replica, nullptr);
  EXPECT_EQ(built.stacks.storage_replica->region(), *built.config.storage.replication_region);
  const auto& rule = backups.at("ReplicationConfiguration").at("Rules")[0];
  EXPECT_EQ(rule.at("Status"), "Enabled");
  EXPECT_EQ(rule.at("SourceSelectionCriteria").at("SseKmsEncryptedObjects").at("Status"), "Enabled");
  EXPECT_TRUE(rule.at("Destination").contains("EncryptionConfiguration"));
  const auto& replica = template_of(GetParam(), "StorageReplicaStack");
  replica.assertions.hasResourceProperties("AWS::KMS::Key", Any::object({{"EnableKeyRotation", true}}));
  replica.assertions.hasResourceProperties(
      "AWS::S3::Bucket", Any::object({{"VersioningConfiguration", Any::object({{"Status", "Enabled"}})}}));
}

TEST_P(StorageStack, StatefulResourcesFollowTheRemovalPolicy) {
  const auto& built = app_test::synthesized(GetParam());
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  const std::string deletion = retains(GetParam()) ? "Retain" : "Delete";
  for (const auto& type : {"AWS::S3::Bucket", "AWS::EFS::FileSystem", "AWS::ECR::Repository"}) {
    for (const auto& [id, resource] : resources(tmpl.json, type))
      EXPECT_EQ(resource.at("DeletionPolicy"), deletion) << id;
  }
  // DESTROY empties the buckets first (a custom resource); RETAIN never deletes objects.
  EXPECT_EQ(resources(tmpl.json, "Custom::S3AutoDeleteObjects").size(), retains(GetParam()) ? 0U : 3U);
  EXPECT_EQ(built.stacks.storage->terminationProtection(), built.config.termination_protection);
}

TEST_P(StorageStack, FileSystemIsEncryptedBackedUpAndTiered) {
  const auto& storage = app_test::synthesized(GetParam()).config.storage;
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  const auto systems = resources(tmpl.json, "AWS::EFS::FileSystem");
  ASSERT_EQ(systems.size(), 1U);
  const auto& p = systems.front().second.at("Properties");
  EXPECT_TRUE(p.at("Encrypted").get<bool>());
  EXPECT_NE(p.at("KmsKeyId").dump().find("StorageKey"), std::string::npos) << p.at("KmsKeyId");
  EXPECT_EQ(p.at("BackupPolicy"), (json{{"Status", "ENABLED"}}));
  EXPECT_EQ(
      p.at("LifecyclePolicies"),
      (json::array({{{"TransitionToIA", "AFTER_" + std::to_string(storage.efs_transition_to_ia_days) +
                                            (storage.efs_transition_to_ia_days == 1 ? "_DAY" : "_DAYS")}},
                    {{"TransitionToPrimaryStorageClass", "AFTER_1_ACCESS"}}})));
  tmpl.assertions.hasResourceProperties(
      "AWS::EFS::AccessPoint", Any::object({{"PosixUser", Any::object({{"Gid", "1000"}, {"Uid", "1000"}})},
                                            {"RootDirectory", Any::object({{"Path", "/app-data"}})}}));
}

TEST_P(StorageStack, RepositoriesScanOnPushAndKeepTheLastImages) {
  const auto& storage = app_test::synthesized(GetParam()).config.storage;
  const auto& tmpl = template_of(GetParam(), "StorageStack");
  const auto repositories = resources(tmpl.json, "AWS::ECR::Repository");
  ASSERT_EQ(repositories.size(), 3U);
  for (const auto& [id, repository] : repositories) {
    const auto& p = repository.at("Properties");
    EXPECT_EQ(p.at("ImageScanningConfiguration"), (json{{"ScanOnPush", true}})) << id;
    EXPECT_EQ(p.at("ImageTagMutability"), storage.ecr_immutable_tags ? "IMMUTABLE" : "MUTABLE") << id;
    const auto policy = json::parse(p.at("LifecyclePolicy").at("LifecyclePolicyText").get<std::string>());
    EXPECT_EQ(policy.at("rules")[0].at("selection").at("countNumber"), storage.ecr_images_kept) << id;
    EXPECT_EQ(policy.at("rules")[0].at("selection").at("countType"), "imageCountMoreThan") << id;
  }
}

INSTANTIATE_TEST_SUITE_P(Environments, StorageStack, ::testing::Values("dev", "staging", "production"));

// Every resource that takes tags carries the four cost-allocation tags, in every stack.
class Tagging : public ::testing::TestWithParam<std::string> {};

TEST_P(Tagging, EveryTaggableResourceCarriesTheFourTags) {
  const auto& built = app_test::synthesized(GetParam());
  const std::map<std::string, std::string> expected{{"Environment", built.config.name},
                                                    {"Project", built.config.tags.project},
                                                    {"Owner", built.config.tags.owner},
                                                    {"CostCenter", built.config.tags.cost_center}};
  int tagged = 0;
  for (const auto& stack : {"NetworkStack", "SecurityStack", "EdgeSecurityStack", "StorageStack"}) {
    for (const auto& [id, resource] : template_of(GetParam(), stack).json.at("Resources").items()) {
      const auto& properties = resource.value("Properties", json::object());
      if (!properties.contains("Tags") || !properties.at("Tags").is_array()) continue;
      std::map<std::string, std::string> tags;
      for (const auto& tag : properties.at("Tags")) {
        if (tag.contains("Key")) tags[tag.at("Key").get<std::string>()] = tag.at("Value").dump();
      }
      for (const auto& [key, value] : expected)
        EXPECT_EQ(tags[key], json(value).dump()) << stack << "/" << id << " " << key;
      ++tagged;
    }
  }
  EXPECT_GT(tagged, 20);  // VPC, subnets, keys, buckets, groups, repositories, ...
}

INSTANTIATE_TEST_SUITE_P(Environments, Tagging, ::testing::Values("dev", "staging", "production"));

}  // namespace
