/* A target where two flavours of struct record place field b differently: a CO-RE relocation of b is ambiguous.
 * Rebuild with ../build.sh. */
#include <linux/types.h>

struct record___one {
  __u8 b;
};

struct record___two {
  __u32 head;
  __u8 b;
};

struct record___one one;
struct record___two two;
