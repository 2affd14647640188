# Thin forwarder to the RMBench CLI; all logic lives in the CLI.
dotnet run --project "$PSScriptRoot/src/RMBench.Cli" -c Release -- @args
exit $LASTEXITCODE
