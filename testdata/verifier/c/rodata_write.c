// expect: EBPF5205
/* rodata_write.c: an XDP sampler whose sampling rate is a `const volatile` global (it lives in
 * .rodata, frozen at load) and that tries to change it from the program through a cast.
 * TWIN: the rate is an ordinary global in .data. The kernel: "write into map forbidden". */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifdef TWIN
volatile __u32 sample_every = 64;
#else
const volatile __u32 sample_every = 64;
#endif
__u64 seen;

SEC("xdp")
int sample_packets(struct xdp_md *ctx)
{
	__u64 n = __sync_fetch_and_add(&seen, 1);

	if (n == 1000000)	/* busy interface: sample half as often from now on */
		*(volatile __u32 *)&sample_every = sample_every * 2;
	if (n % sample_every == 0)
		bpf_printk("sampled packet %llu", n);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
