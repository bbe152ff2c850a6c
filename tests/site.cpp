#include <charter/site.hpp>
// Self-contained: <charter/site.hpp> compiles first, on its own.

#include <charter/error.hpp>
#include <charter/json.hpp>

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace charter;

namespace {

class site_folder {
 public:
  site_folder() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("charter-site-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++) + "-" + std::to_string(random()));
  }
  ~site_folder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  site_folder(const site_folder&) = delete;
  site_folder& operator=(const site_folder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every file of a site, by its path in the site, with its bytes.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      out[fs::relative(e.path(), dir).generic_string()] = slurp(e.path());
  return out;
}

const registry& example() {
  static const registry reg =
      load_json(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
  return reg;
}

}  // namespace

TEST_SUITE("site") {
  static_assert(std::is_aggregate_v<site_options>);

  TEST_CASE("the example registry's site has a page per record") {
    site_folder dir;
    site_options options{.at = parse_date("2023-06-01")};
    std::vector<site_part> parts;
    options.on_part = [&](site_part p) { parts.push_back(p); };
    const site_summary summary = write_site(example(), dir.path(), options);
    const auto files = files_of(dir.path());
    CHECK(summary.files == files.size());
    for (const char* page :
         {"index.html", "index.json", "registry.json", "popolo.json",
          "assets/site.css", "assets/search.js", "assets/search-index.js",
          "foundation/pytorch-foundation.html",
          "foundation/pytorch-foundation.json",
          "history/pytorch-foundation.html", "organization/aws.html",
          "organization/aws.json", "person/jim-zemlin.html",
          "body/pytorch-board.html", "project/pytorch.html"})
      CHECK_MESSAGE(files.count(page) == 1, page);
    CHECK(parts ==
          std::vector<site_part>{site_part::foundations, site_part::bodies,
                                 site_part::projects, site_part::organizations,
                                 site_part::people, site_part::index});
    // The interchange download is the registry's canonical document.
    CHECK(files.at("registry.json") == to_json(example()));
    const std::string& foundation =
        files.at("foundation/pytorch-foundation.html");
    CHECK(foundation.find("Amazon Web Services") != std::string::npos);
    CHECK(foundation.find("href=\"../organization/aws.html\"") !=
          std::string::npos);
    CHECK(foundation.find("Premier (rank 1): 6 members") != std::string::npos);
    CHECK(files.at("assets/search-index.js").find("\"AWS\"") !=
          std::string::npos);
  }

  TEST_CASE("the same registry and date give the same bytes") {
    site_folder a, b;
    const site_options options{.at = parse_date("2023-06-01")};
    write_site(example(), a.path(), options);
    write_site(example(), b.path(), options);
    CHECK(files_of(a.path()) == files_of(b.path()));
  }

  TEST_CASE("without people, no person's page, id or name") {
    site_folder dir;
    write_site(example(), dir.path(),
               {.at = parse_date("2023-06-01"), .people = false});
    // Not a structured binding: clang 14 cannot capture one in the lambda
    // CHECK_MESSAGE makes.
    for (const auto& file : files_of(dir.path())) {
      const std::string& path = file.first;
      const std::string& text = file.second;
      CHECK_MESSAGE(!path.starts_with("person/"), path);
      for (const auto& p : example().people()) {
        CHECK_MESSAGE(text.find(p.name) == std::string::npos, path, p.name);
        CHECK_MESSAGE(text.find(p.id.str()) == std::string::npos, path,
                      p.id.str());
      }
    }
  }

  TEST_CASE("a folder that cannot be made is a storage error") {
    site_folder dir;
    fs::create_directories(dir.path());
    std::ofstream(dir.path() / "file") << "x";
    CHECK_THROWS_AS(write_site(example(), dir.path() / "file" / "site",
                               {.at = parse_date("2023-06-01")}),
                    storage_error);
  }

  TEST_CASE("parts have names") {
    CHECK(to_string(site_part::organizations) == "organizations");
    CHECK(to_string(site_part::index) == "index");
  }
}
