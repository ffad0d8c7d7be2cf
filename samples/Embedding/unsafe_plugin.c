// A plug-in the verifier refuses: it reads the IP protocol byte without checking that the packet is long
// enough, so on a short packet it would read memory that is not the packet's. Program.cs shows the refusal.
// Build: clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c unsafe_plugin.c -o unsafe_plugin.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int unsafe_plugin(struct xdp_md *ctx) {
  unsigned char *data = (void *)(long)ctx->data;
  return data[23] == 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
