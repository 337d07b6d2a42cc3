/// The decision domain: values and rules with no database and no templates.
public enum Decisions {}
