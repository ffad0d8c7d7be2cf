/* helpers_printf.c: bpf_snprintf (165) and bpf_trace_printk (6) on every conversion
 * the kernel accepts (flags, widths, l/ll, %c %s %px %ps %pB %pks %pI4 %pi4 %pI6
 * %pi6 %%), truncation to the buffer, NUL termination, the 512-byte argument
 * buffer running out (-ENOSPC) and the formats bpf_trace_printk refuses (-EINVAL).
 * snprintf formats are static const (.rodata), as the verifier demands; trace_printk
 * formats are on the stack, so the bad ones reach the helper. Each case stores its
 * return value and text in printf_out[case]; the tests compare with the kernel. No
 * plain %p or %pK: the kernel hashes those; no %pus: the kernel reads user memory
 * there, which a stack address is not. One XDP program; license GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct printf_case {
	__s64 ret;
	char text[120];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 48);
	__type(key, __u32);
	__type(value, struct printf_case);
} printf_out SEC(".maps");

/* A string longer than the 512-byte argument buffer. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[600]);
} long_text SEC(".maps");

static const char f_int[] = "%d|%5d|%-5d|%05d|%+d|% d|%-05d|%i";
static const char f_wide[] = "%u %x %X %lx %llu %lld %li %llx";
static const char f_text[] = "%c%3c%-3c|%5s|%-5s|%s|%s|";
static const char f_ip[] = "%pI4 %pi4 %pI6";
static const char f_ptr[] = "%pi6 %px %ps %pB|%20px|%-8ps|";
static const char f_cut[] = "abcdefghij %d";
static const char f_percent[] = "%%%d%% 100%%";
static const char f_twelve[] = "%d %d %d %d %d %d %d %d %d %d %d %d";
static const char f_utf8[] = "caf\xc3\xa9 %s";
static const char f_raw[] = "%pks|%6pks|";
static const char f_s[] = "%s";
static const char f_ss[] = "%s%s";
static const char f_sc[] = "%s%c";
static const char f_sd[] = "%s%d";
static const char f_int32[] = "%x %X %u %d";
static const char f_space[] = "tab\there\nline";
static const char f_ipwide[] = "%5pI4|%pI4abc|";

#define OUT(k) struct printf_case *o = bpf_map_lookup_elem(&printf_out, &(__u32){ k }); if (!o) return XDP_ABORTED
#define SNPRINTF(k, fmt, size, ...) do { \
	OUT(k); \
	__u64 args[] = { __VA_ARGS__ }; \
	o->ret = bpf_snprintf(o->text, size, fmt, args, sizeof(args)); \
} while (0)
#define TRACE(k, ...) do { \
	OUT(k); \
	char f[] = __VA_ARGS__; \
	o->ret = bpf_trace_printk(f, sizeof(f), a1, a2, a3); \
} while (0)

SEC("xdp")
int printf_cases(struct xdp_md *ctx)
{
	unsigned char ip4[4] = { 192, 168, 1, 20 };
	unsigned char ip6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0, 0x01 };
	char s[] = "ab", e[] = "\xc3\xa9";
	char *big = bpf_map_lookup_elem(&long_text, &(__u32){ 0 });
	__u64 a1, a2, a3;

	if (!big)
		return XDP_ABORTED;
	for (int i = 0; i < 599; i++)
		big[i] = 'a' + i % 26;
	big[599] = 0;

	SNPRINTF(0, f_int, 120, 42, 42, 42, -42, 42, 42, 42, -7);
	SNPRINTF(1, f_wide, 120, 0xfffffffffULL, 0xabcdef, 0xabcdef, -1, -1, -5, -6, 0x123456789abcdefULL);
	SNPRINTF(2, f_text, 120, 'x', 'y', 'z', (long)s, (long)s, 0, (long)e);
	SNPRINTF(3, f_ip, 120, (long)ip4, (long)ip4, (long)ip6);
	SNPRINTF(4, f_ptr, 120, (long)ip6, 0x1234, 0x20, 0x30, 0xabc, 0x40);
	SNPRINTF(5, f_cut, 5, 7);
	SNPRINTF(6, f_cut, 1, 7);
	{
		OUT(7);
		__builtin_memcpy(o->text, "untouched", 10);
		__u64 args[] = { 7 };
		o->ret = bpf_snprintf(o->text, 0, f_cut, args, sizeof(args));
	}
	SNPRINTF(8, f_percent, 120, 3);
	SNPRINTF(9, f_twelve, 120, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12);
	SNPRINTF(10, f_utf8, 120, (long)e);
	SNPRINTF(11, f_raw, 120, (long)s, (long)s);
	SNPRINTF(12, f_s, 120, (long)big);
	SNPRINTF(13, f_ss, 120, (long)big, (long)s);
	SNPRINTF(14, f_sc, 120, (long)big, 'c');
	SNPRINTF(15, f_sd, 120, (long)big, 1);
	SNPRINTF(16, f_int32, 120, -1, -2, -3, 0x1ffffffffULL);
	SNPRINTF(17, f_space, 120, 0);
	SNPRINTF(18, f_ipwide, 120, (long)ip4, (long)ip4);

	a1 = -5; a2 = (long)s; a3 = 'z';
	TRACE(24, "helpers_printf: %d %s %c\n");
	TRACE(25, "helpers_printf: no newline %x");
	TRACE(26, "%q");
	TRACE(27, "%sx");
	TRACE(28, "%5%");
	TRACE(29, "%.2d");
	TRACE(30, "%d%d%d%d");
	TRACE(31, "a\x01");
	{
		OUT(32);
		char f[] = "no terminator";
		o->ret = bpf_trace_printk(f, sizeof(f) - 1);
	}
	TRACE(33, "%lllx");
	TRACE(34, "%#x");
	TRACE(35, "%");
	a2 = 12345;
	TRACE(36, "helpers_printf: %d %lu %x");
	a1 = (long)big; a2 = (long)big; a3 = (long)big;
	TRACE(37, "%s%s%s");
	TRACE(38, "helpers_printf: %s");
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
