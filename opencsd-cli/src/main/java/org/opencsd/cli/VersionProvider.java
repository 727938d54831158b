package org.opencsd.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the build's version, read from the jar manifest when there is one. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"opencsd " + (v == null ? "development build" : v)
                + " (Java " + Runtime.version() + ")"};
    }
}
