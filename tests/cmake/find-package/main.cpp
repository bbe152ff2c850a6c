#include <charter/date.hpp>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>

int main() {
  const std::chrono::year_month_day date = charter::parse_date("2022-09-12");
  if (!date.ok() || date != std::chrono::year_month_day{std::chrono::year{2022},
                                                        std::chrono::September,
                                                        std::chrono::day{12}}) {
    std::cerr << "charter::parse_date returned a wrong date\n";
    return EXIT_FAILURE;
  }
  std::cout << static_cast<int>(date.year()) << '-' << std::setfill('0')
            << std::setw(2) << static_cast<unsigned>(date.month()) << '-'
            << std::setw(2) << static_cast<unsigned>(date.day()) << '\n';
  return EXIT_SUCCESS;
}
