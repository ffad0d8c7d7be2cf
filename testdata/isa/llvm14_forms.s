# Every instruction form LLVM 14 both assembles and prints, in its own syntax, with edge-case
# operands (extreme immediates and offsets, r10 as a base) that C programs rarely produce.
# LLVM 14 parses no fetching atomics, xchg or cmpxchg, and knows no mod or jset: atomics.c has the
# former, and unit tests cover the latter.
	.section	xdp,"ax",@progbits
	.globl	forms
forms:
	r0 = 0
	r9 = -2147483648
	r1 = 2147483647
	r2 = r9
	r3 += -1
	r3 += r4
	r4 -= 7
	r4 -= r5
	r5 *= -3
	r5 *= r6
	r6 /= 10
	r6 /= r7
	r7 |= 255
	r7 |= r8
	r8 &= -256
	r8 &= r9
	r9 <<= 63
	r9 <<= r0
	r0 >>= 1
	r0 >>= r1
	r1 s>>= 32
	r1 s>>= r2
	r3 ^= -1
	r3 ^= r4
	r4 = -r4
	w0 = 0
	w9 = -2147483648
	w1 = 2147483647
	w2 = w9
	w3 += -1
	w3 += w4
	w4 -= 7
	w4 -= w5
	w5 *= -3
	w5 *= w6
	w6 /= 10
	w6 /= w7
	w7 |= 255
	w7 |= w8
	w8 &= -256
	w8 &= w9
	w9 <<= 31
	w9 <<= w0
	w0 >>= 1
	w0 >>= w1
	w1 s>>= 16
	w1 s>>= w2
	w3 ^= -1
	w3 ^= w4
	w4 = -w4
	r1 = le16 r1
	r2 = le32 r2
	r3 = le64 r3
	r4 = be16 r4
	r5 = be32 r5
	r9 = be64 r9
	w1 = *(u8 *)(r10 - 1)
	w2 = *(u16 *)(r1 + 32767)
	w3 = *(u32 *)(r2 - 32768)
	r4 = *(u64 *)(r10 - 512)
	r9 = *(u64 *)(r10 + 0)
	*(u8 *)(r10 - 1) = w1
	*(u16 *)(r1 + 32767) = w2
	*(u32 *)(r2 - 32768) = w3
	*(u64 *)(r10 - 512) = r10
	r1 = 0 ll
	r2 = -1 ll
	r3 = -9223372036854775808 ll
	r4 = 9223372036854775807 ll
	r5 = 4294967296 ll
	r0 = *(u8 *)skb[0]
	r0 = *(u16 *)skb[-4]
	r0 = *(u32 *)skb[2147483647]
	r0 = *(u8 *)skb[r1]
	r0 = *(u16 *)skb[r6]
	r0 = *(u32 *)skb[r9]
.Lback:
	if r1 == 0 goto .Lback
	if r1 == r2 goto .Lfwd
	if r1 > -1 goto .Lfwd
	if r1 > r2 goto .Lfwd
	if r1 >= 2147483647 goto .Lfwd
	if r1 >= r2 goto .Lfwd
	if r1 != -2147483648 goto .Lfwd
	if r1 != r2 goto .Lfwd
	if r1 s> 5 goto .Lfwd
	if r1 s> r2 goto .Lfwd
	if r1 s>= 5 goto .Lfwd
	if r1 s>= r2 goto .Lfwd
	if r1 < 5 goto .Lfwd
	if r1 < r2 goto .Lfwd
	if r1 <= 5 goto .Lfwd
	if r1 <= r2 goto .Lfwd
	if r1 s< -5 goto .Lfwd
	if r1 s< r2 goto .Lfwd
	if r1 s<= -5 goto .Lfwd
	if r10 s<= r9 goto .Lfwd
	if w1 == 0 goto .Lback
	if w1 == w2 goto .Lfwd
	if w1 > -1 goto .Lfwd
	if w1 > w2 goto .Lfwd
	if w1 >= 7 goto .Lfwd
	if w1 >= w2 goto .Lfwd
	if w1 != 7 goto .Lfwd
	if w1 != w2 goto .Lfwd
	if w1 s> 7 goto .Lfwd
	if w1 s> w2 goto .Lfwd
	if w1 s>= 7 goto .Lfwd
	if w1 s>= w2 goto .Lfwd
	if w1 < 7 goto .Lfwd
	if w1 < w2 goto .Lfwd
	if w1 <= 7 goto .Lfwd
	if w1 <= w2 goto .Lfwd
	if w1 s< -7 goto .Lfwd
	if w1 s< w2 goto .Lfwd
	if w1 s<= -7 goto .Lfwd
	if w9 s<= w10 goto .Lfwd
	goto .Lback
.Lfwd:
	goto .Lnext
.Lnext:
	lock *(u64 *)(r1 - 8) += r2
	lock *(u64 *)(r1 + 8) |= r2
	lock *(u64 *)(r1 + 0) &= r2
	lock *(u64 *)(r10 - 16) ^= r9
	lock *(u32 *)(r1 - 8) += w2
	lock *(u32 *)(r1 + 8) |= w2
	lock *(u32 *)(r1 + 0) &= w2
	lock *(u32 *)(r10 - 16) ^= w9
	call 1
	call 2147483647
	exit
