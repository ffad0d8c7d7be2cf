/* BTF.ext test object: CO-RE relocations, several program sections and a
 * global sub-function, so func info, line info and core relocations all appear.
 * Rebuild with ./build.sh. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task {
  int pid;
  int tgid;
  char comm[16];
  struct task *parent;
} __attribute__((preserve_access_index));

enum state { STATE_IDLE = 0, STATE_BUSY = 1 };

__noinline int global_helper(int x)
{
  return x * 3 + 1;
}

static __noinline int local_helper(int x)
{
  return x ^ 0x5a;
}

SEC("xdp")
int read_pid(struct task *t)
{
  int pid = BPF_CORE_READ(t, pid);
  int ppid = BPF_CORE_READ(t, parent, tgid);
  if (bpf_core_field_exists(t->comm))
    pid += bpf_core_field_size(t->comm);
  if (bpf_core_type_exists(struct task))
    pid += bpf_core_type_size(struct task);
  if (bpf_core_enum_value_exists(enum state, STATE_BUSY))
    pid += bpf_core_enum_value(enum state, STATE_BUSY);
  return global_helper(pid) + local_helper(ppid);
}

SEC("tc")
int classify(struct __sk_buff *skb)
{
  return local_helper(skb->len) & 1;
}

char LICENSE[] SEC("license") = "GPL";
