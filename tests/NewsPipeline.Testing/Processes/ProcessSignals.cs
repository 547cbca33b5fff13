using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Testing.Processes;

/// <summary>
/// Freezes and thaws a process with SIGSTOP and SIGCONT: storage that still accepts connections but answers nothing,
/// which a stopped process (connections refused) cannot show. Sent through the kill(2) import the CLI keeps for
/// stopping Azurite gracefully (SIGTERM).
/// </summary>
internal static class ProcessSignals
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>Sends SIGSTOP; 0 when it was delivered, -1 otherwise (as kill(2)).</summary>
    public static int Freeze(int processId) => NativeMethods.Kill(processId, SigStop);

    /// <summary>Sends SIGCONT; 0 when it was delivered, -1 otherwise (as kill(2)).</summary>
    public static int Thaw(int processId) => NativeMethods.Kill(processId, SigCont);
}
