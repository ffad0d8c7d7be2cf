/* __kconfig externs as libbpf provides them: its own LINUX_* facts and CONFIG_* options, strong and weak.
 * Rebuild with ../build.sh. */
#include <linux/bpf.h>
#include <stdbool.h>
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig;
extern int CONFIG_HZ __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_TEST_MODULE __kconfig __weak;
extern char CONFIG_LOCALVERSION[16] __kconfig __weak;
extern int CONFIG_NOT_THERE __kconfig __weak;

SEC("xdp")
int kernel_version(struct xdp_md *ctx)
{
  return LINUX_KERNEL_VERSION;
}

SEC("xdp")
int options(struct xdp_md *ctx)
{
  return CONFIG_HZ * 1000 + CONFIG_BPF_SYSCALL * 100 + CONFIG_TEST_MODULE * 10 + CONFIG_NOT_THERE + LINUX_HAS_BPF_COOKIE * 10000000;
}

SEC("xdp")
int local_version(struct xdp_md *ctx)
{
  return CONFIG_LOCALVERSION[1];
}

char LICENSE[] SEC("license") = "GPL";
