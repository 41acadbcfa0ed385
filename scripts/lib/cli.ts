/**
 * Runs a command-line script: its arguments in, its summary printed. A refusal (wrong file, target
 * not empty, tool of another version) is printed as a sentence without a stack trace; anything else
 * is printed whole. Either way the exit code is 1.
 */
export async function runCli(main: (args: string[]) => Promise<string>) {
  try {
    console.log(await main(process.argv.slice(2)));
  } catch (e) {
    if ((e as Error).name === 'BackupRefused') console.error((e as Error).message);
    else console.error(e);
    process.exitCode = 1;
  }
}
