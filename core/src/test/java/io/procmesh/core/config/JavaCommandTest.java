package io.procmesh.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavaCommandTest
{
    @Test
    void shouldBuildAMainClassCommandInOneOrder()
    {
        final List<String> command = JavaCommand.mainClass("com.example.Main")
            .args("a", "b")
            .classPath("/cp/app.jar")
            .systemProperty("procmesh.instanceId", "user-1")
            .jvmOptions(List.of("-Xmx64m"))
            .sharedArchive(Path.of("/cds/classes.jsa"))
            .prefix(List.of("/usr/bin/setsid"))
            .build();

        final List<String> expected = new ArrayList<>();
        expected.add("/usr/bin/setsid");
        expected.add(JvmFlags.javaExecutable());
        expected.addAll(JvmFlags.chronicle());
        expected.addAll(List.of("-XX:SharedArchiveFile=/cds/classes.jsa", "-Xmx64m", "-Dprocmesh.instanceId=user-1",
            "-cp", "/cp/app.jar", "com.example.Main", "a", "b"));
        assertEquals(expected, command);
    }

    @Test
    void shouldLeaveTheChronicleFlagsOfAJarToItsManifest()
    {
        final List<String> command = JavaCommand.jar(Path.of("/opt/procmesh-launcher.jar"))
            .jvmOptions(List.of("-Xmx256m"))
            .args("status")
            .build();

        assertEquals(List.of(JvmFlags.javaExecutable(), JvmFlags.ANALYTICS_DISABLE, "-Xmx256m", "-jar",
            "/opt/procmesh-launcher.jar", "status"), command);
    }

    @Test
    void shouldMapNoArchiveWhenThereIsNone()
    {
        final List<String> command = JavaCommand.mainClass(JavaCommandTest.class).sharedArchive(null).build();

        final List<String> expected = new ArrayList<>();
        expected.add(JvmFlags.javaExecutable());
        expected.addAll(JvmFlags.chronicle());
        expected.addAll(List.of("-cp", System.getProperty("java.class.path"), JavaCommandTest.class.getName()));
        assertEquals(expected, command);
    }
}
