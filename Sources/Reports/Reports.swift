/// The report generator: templates, view models and writers.
public enum Reports {}
