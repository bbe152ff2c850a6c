#ifndef CHARTER_SRC_REGISTRY_BIG_BLOCK_ALLOCATOR_HPP
#define CHARTER_SRC_REGISTRY_BIG_BLOCK_ALLOCATOR_HPP

// Internal: the allocator of the registry's large tables.

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

namespace charter::detail {

// query at a million people touches one slot of a table of 64 MB: with 4 KiB
// pages, nearly every lookup also misses the TLB.
template <class T>
struct big_block_allocator {
  using value_type = T;
  static constexpr std::size_t huge = std::size_t{2} << 20;

  big_block_allocator() = default;
  template <class U>
  big_block_allocator(const big_block_allocator<U>&) noexcept {
  }  // NOLINT: rebinding converts

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge || alignof(T) > huge)
      return std::allocator<T>{}.allocate(n);
    const std::size_t rounded = (bytes + huge - 1) / huge * huge;
    void* p = std::aligned_alloc(huge, rounded);
    if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice: failing is harmless
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < huge || alignof(T) > huge)
      std::allocator<T>{}.deallocate(p, n);
    else
      std::free(p);
  }
  template <class U>
  friend bool operator==(const big_block_allocator&,
                         const big_block_allocator<U>&) noexcept {
    return true;
  }
};

// Open addressing: a lookup touches one group of metadata and one slot,

}  // namespace charter::detail

#endif
