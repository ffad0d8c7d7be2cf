// A few kernel-like types and functions whose BTF (clang -g) stands in for a kernel's in the verifier's golden cases
// about BTF-typed pointers (testdata/verifier/btf_objects.yaml): a target BTF the tests carry with them, so they do not
// depend on the machine's /sys/kernel/btf/vmlinux. Built by build.sh beside it; the functions only give their prototypes.
#include <stdbool.h>

struct list_head {
	struct list_head *next, *prev;
};

struct mm_struct {
	unsigned long start_code;
	unsigned long end_code;
};

struct task_struct {
	long state;                       /* 0 */
	unsigned int flags;               /* 8 */
	int prio;                         /* 12 */
	struct list_head tasks;           /* 16: a struct inside */
	struct mm_struct *mm;             /* 32: a pointer to a struct */
	int pid;                          /* 40 */
	int tgid;                         /* 44 */
	char comm[16];                    /* 48: an array of numbers */
	struct task_struct *real_parent;  /* 64 */
	union {                           /* 72: an anonymous union */
		int exit_code;
		unsigned int exit_bits;
	};
	unsigned int in_execve : 1;       /* 76: bitfields */
	unsigned int in_iowait : 1;
	char policy;                      /* 77, then 2 bytes of padding */
	unsigned long long start_time;    /* 80 */
};                                        /* 88 bytes */

/* A definition the types keep whole: clang declares a struct only reached through pointers as a forward declaration. */
struct mm_struct init_mm;

struct filename {
	const char *name;
	int refcnt;
};

struct bpf_iter_meta {
	void *seq;
	unsigned long long session_id;
	unsigned long long seq_num;
};

int do_unlinkat(int dfd, struct filename *name) { return dfd + (name != 0); }
int wake_up_new_task(struct task_struct *p) { return p != 0; }
int exec_argv(const char **argv) { return argv != 0; }
int bpf_iter_task(struct bpf_iter_meta *meta, struct task_struct *task) { return meta != 0 && task != 0; }

/* The kernel declares each BTF-enabled tracepoint as btf_trace_NAME, a pointer to its prototype after a context. */
typedef void (*btf_trace_sched_switch)(void *__data, bool preempt, struct task_struct *prev, struct task_struct *next);
btf_trace_sched_switch sched_switch_probe;
