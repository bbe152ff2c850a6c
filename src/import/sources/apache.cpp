// Placeholder until this source's importer lands.
#include "import/sources.hpp"

namespace charter::import {

void read_apache(builder&, std::span<const source_file>) {
  throw error("the source is not implemented yet");
}

}  // namespace charter::import
