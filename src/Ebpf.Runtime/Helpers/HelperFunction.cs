namespace Ebpf.Runtime.Helpers;

/// <summary>
/// A helper a program can call: receives r1 to r5, returns the new r0. Errors are returned to the
/// program as negative errno values, as in Linux; <see cref="HelperContext.Fail"/> is for faults.
/// </summary>
public delegate ulong HelperFunction(HelperContext context, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5);
