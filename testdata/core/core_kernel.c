/* CO-RE against the kernel's own types (its vmlinux BTF): the local declarations are deliberately not the kernel's
 * layout, so only relocation gives the right answers. Tests run each program here and in the kernel (bpftool, which
 * relocates with libbpf) and compare. Rebuild with ../build.sh. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct___mine {
  int tgid;
  int pid;
} __attribute__((preserve_access_index));

enum pid_type___mine { PIDTYPE_SID = 0, PIDTYPE_MAX = 1 };

/* The UAPI context with its first two fields swapped. */
struct xdp_md___mine {
  __u32 data_end;
  __u32 data;
} __attribute__((preserve_access_index));

SEC("xdp")
int task_pid_offset(struct xdp_md *ctx)
{
  return bpf_core_field_offset(struct task_struct___mine, pid);
}

SEC("xdp")
int task_tgid_size(struct xdp_md *ctx)
{
  return bpf_core_field_size(struct task_struct___mine, tgid) * 1000 + bpf_core_field_exists(struct task_struct___mine, pid);
}

SEC("xdp")
int pid_type_values(struct xdp_md *ctx)
{
  return bpf_core_enum_value(enum pid_type___mine, PIDTYPE_SID) * 100 + bpf_core_enum_value(enum pid_type___mine, PIDTYPE_MAX);
}

SEC("xdp")
int packet_length(struct xdp_md *ctx)
{
  struct xdp_md___mine *mine = (void *)ctx;
  return mine->data_end - mine->data;
}

char LICENSE[] SEC("license") = "GPL";
