internal import ArgumentParser

/// Which organization a command works in; may be left out when the register has one.
struct OrganizationOption: ParsableArguments {
    @Option(
        name: .customLong("org"),
        help: ArgumentHelp("The organization (Finnish or Swedish name); may be left out when there is only one.", valueName: "name"))
    var name: String?
}
