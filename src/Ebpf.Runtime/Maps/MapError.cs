namespace Ebpf.Runtime.Maps;

/// <summary>
/// The result of a map operation: Linux's errno values, positive. Program-side operations return the
/// negated value (<c>-(long)error</c>), as helpers do in the kernel; user-side operations return the
/// error itself, as libbpf's <c>bpf_map_*_elem</c> functions return <c>-errno</c>.
/// </summary>
public enum MapError
{
    /// <summary>Success.</summary>
    None = 0,
    /// <summary><c>EPERM</c>: the map is frozen, or read-only or write-only for user space.</summary>
    PermissionDenied = 1,
    /// <summary><c>ENOENT</c>: no element with this key; an empty queue; the end of an iteration.</summary>
    NotFound = 2,
    /// <summary><c>E2BIG</c>: the map is full, or an array index is at or past <c>max_entries</c>.</summary>
    TooBig = 7,
    /// <summary><c>EBADF</c>: the id given as an inner map names no live map (Linux: a bad file descriptor).</summary>
    BadDescriptor = 9,
    /// <summary><c>EAGAIN</c>: no room in a ring buffer.</summary>
    TryAgain = 11,
    /// <summary><c>ENOMEM</c>: no element could be allocated (an LRU map found nothing to evict).</summary>
    OutOfMemory = 12,
    /// <summary><c>EBUSY</c>: the map is in use by an operation that cannot be nested.</summary>
    Busy = 16,
    /// <summary><c>EEXIST</c>: <c>BPF_NOEXIST</c> and the key exists.</summary>
    Exists = 17,
    /// <summary><c>EINVAL</c>: bad flags, a delete on an array, an inner map that does not match, a prefix too long.</summary>
    InvalidArgument = 22,
    /// <summary><c>ENOSPC</c>: an LPM trie is full; a batch buffer cannot hold one bucket.</summary>
    NoSpace = 28,
    /// <summary><c>EOPNOTSUPP</c>.</summary>
    OperationNotSupported = 95,
    /// <summary><c>ENOTSUPP</c> (524, kernel-internal): the map type has no such operation.</summary>
    NotSupported = 524,
}
