#!/usr/bin/env bash
# Two network namespaces joined only through interfaces in the root namespace, for trying
# `ebpf xdp attach` as a user-mode bridge (docs/xdp.md). As root:
#   testdata/xdp/netns.sh up       # xdpns1 (10.77.0.1, veth xdpa1) -- xdpb1 | xdpb2 -- (10.77.0.2, veth xdpa2) xdpns2
#   ebpf xdp attach testdata/xdp/xdp_drop_udp.o --interface xdpb1 --peer xdpb2
#   ip netns exec xdpns1 ping 10.77.0.2
#   testdata/xdp/netns.sh kernel   # instead of our bridge, the kernel's own (a Linux bridge over xdpb1 and xdpb2)
#   testdata/xdp/netns.sh down
set -euo pipefail
P=${XDP_NETNS_PREFIX:-xdp}
up() {
	for i in 1 2; do
		ip netns add "${P}ns$i"
		ip link add "${P}a$i" type veth peer name "${P}b$i"
		ip link set "${P}a$i" netns "${P}ns$i"
		ip netns exec "${P}ns$i" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
		ip netns exec "${P}ns$i" ip addr add "10.77.0.$i/24" dev "${P}a$i"
		ip netns exec "${P}ns$i" ip link set "${P}a$i" up
		ip netns exec "${P}ns$i" ip link set lo up
		sysctl -qw "net.ipv6.conf.${P}b$i.disable_ipv6=1"
		ip link set "${P}b$i" up
	done
}
kernel() {
	ip link add "${P}br" type bridge
	ip link set "${P}b1" master "${P}br"
	ip link set "${P}b2" master "${P}br"
	ip link set "${P}br" up
}
down() {
	ip link del "${P}br" 2>/dev/null || true
	for i in 1 2; do
		ip link del "${P}b$i" 2>/dev/null || true
		ip netns del "${P}ns$i" 2>/dev/null || true
	done
}
"${1:?usage: netns.sh up|kernel|down}"
