package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import org.labpose.core.io.InputFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code labpose} command: lists every pipeline command; each has {@code --help}. */
@Command(
    name = "labpose",
    mixinStandardHelpOptions = true,
    version = "LabPose " + LabPose.VERSION,
    description = "Markerless pose estimation and behavior analysis for lab animals, on DeepLabCut projects.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      CreateProjectCommand.class,
      AddVideosCommand.class,
      SummaryCommand.class,
      ConvertLabelsCommand.class,
      ConvertCommand.class,
      ImportLabelsCommand.class,
      SynthCommand.class,
      CheckVideoCommand.class,
      ExtractFramesCommand.class,
      CheckLabelsCommand.class,
      LabelCommand.class,
      StudioCommand.class,
      PreviewVideoCommand.class,
      ExtractOutliersCommand.class,
      MergeDatasetsCommand.class,
      CreateTrainingDatasetCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      AnalyzeCommand.class,
      AnalyzeImagesCommand.class,
      StitchCommand.class,
      ExportModelCommand.class,
      ExportNwbCommand.class,
      CalibrateCommand.class,
      TriangulateCommand.class,
      Create3dProjectCommand.class,
      Measures3dCommand.class,
      PackageCommand.class,
      VerifyPackageCommand.class,
      FilterCommand.class,
      LabeledVideoCommand.class,
      PlotTrajectoriesCommand.class,
      AssayCommand.class,
      GaitCommand.class,
      ClassifierCommand.class,
      MotifsCommand.class,
      ValidateCommand.class,
      BenchCommand.class,
      ModelsCommand.class
    })
public final class LabPose implements Runnable {
  /** LabPose's version, as {@code --version} prints it and files record it. */
  public static final String VERSION = org.labpose.core.Version.LABPOSE;

  /** Exit status for bad input. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit status of a command that ended because the process that started it went away. */
  public static final int PARENT_GONE = 143;

  public static void main(String[] args) {
    // the studio starts its jobs with this set and keeps their input open: a job ends with the studio even when the
    // studio is killed (SIGKILL gives it no chance to stop them; the operating system closes the pipe)
    if ("1".equals(System.getenv(org.labpose.web.jobs.ProcessWork.PARENT_WATCH_ENV))) {
      Thread watch = new Thread(() -> {
        try {
          while (System.in.read() >= 0) {
            // input is not used: only its end matters
          }
        } catch (java.io.IOException e) {
          // a broken pipe is an end too
        }
        System.err.println("labpose: error: the process that started this command has gone; stopping");
        System.exit(PARENT_GONE);
      }, "labpose-parent-watch");
      watch.setDaemon(true);
      watch.start();
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    org.labpose.net.Engines.cpuWarning().ifPresent(w -> err.println("labpose: warning: " + w));
    System.exit(run(out, err, args));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The configured command line (also used by tests to list commands). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LabPose());
    // time options: a bare number is seconds everywhere, 15f is frames
    cl.registerConverter(org.labpose.core.model.TimeSpan.class, org.labpose.core.model.TimeSpan::parse);
    cl.setExecutionExceptionHandler(LabPose::handle);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("labpose: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
      return BAD_INPUT;
    });
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof InputFormatException || e instanceof UserError || e instanceof org.labpose.core.SettingException) {
      err.println("labpose: error: " + e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof FileAlreadyExistsException f) {
      err.println("labpose: error: " + f.getFile() + ": " + (f.getReason() == null ? "exists already" : f.getReason()));
      return BAD_INPUT;
    }
    if (e instanceof java.nio.file.NoSuchFileException f) {
      err.println("labpose: error: " + f.getFile() + ": file not found");
      return BAD_INPUT;
    }
    if (e instanceof org.labpose.net.train.PoseTrainer.NonFiniteStep) {
      err.println("labpose: error: training diverged: " + e.getMessage());
      return 1;
    }
    if (e instanceof java.io.IOException) {
      err.println("labpose: error: " + e.getMessage());
      return 1;
    }
    err.println("labpose: internal error: " + e);
    if (System.getenv("LABPOSE_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set LABPOSE_DEBUG=1 to see the stack trace, and please report it)");
    }
    return 1;
  }
}
