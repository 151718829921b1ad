package io.modelfleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequiredProgramsTest {

    @Test
    void aProgramOnThePathNeedsNothingInstalled() {
        RequiredPrograms.ensure("sh", "no-such-package-is-needed");
    }

    @Test
    void aMissingProgramStopsAUserWhoIsNotRootNamingThePackage() {
        String user = System.getProperty("user.name");
        System.setProperty("user.name", "builder");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RequiredPrograms.ensure("modelfleet-no-such-program", "modelfleet-tools"));
            assertEquals("modelfleet-no-such-program is not installed and the tests do not run as root to install"
                    + " it: run apt-get install modelfleet-tools", e.getMessage());
        } finally {
            System.setProperty("user.name", user);
        }
    }
}
