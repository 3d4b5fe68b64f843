//! Why an example does not round-trip, from serde's error message, in words a docs
//! maintainer can act on.

pub fn classify(error: &str) -> &'static str {
    let e = error.to_lowercase();
    if e == "changed on the way back" {
        return "a value changed on the way back";
    }
    if e.contains("not a generated type") {
        return "the example's type is not generated";
    }
    if e.contains("input contains invalid characters")
        || e.contains("premature end of input")
        || e.contains("trailing input")
        || e.contains("input is out of range")
        || e.contains("no possible date and time")
        || e.contains("input is not enough")
    {
        return "a date, time or date-time that is not ISO 8601 / RFC 3339";
    }
    if e.contains("uuid")
        || e.contains("invalid character: expected an optional prefix")
        || e.contains("invalid group")
    {
        return "a GUID that is not one";
    }
    if e.contains("iso8601 duration") || e.contains("duration") {
        return "a duration that is not ISO 8601";
    }
    if e.contains("invalid symbol")
        || e.contains("invalid padding")
        || e.contains("invalid last symbol")
        || e.contains("invalid input length")
        || e.contains("invalid byte")
    {
        return "binary data that is not base64";
    }
    if e.starts_with("invalid type: string") && e.contains("expected a sequence") {
        return "a single value where the docs say a collection";
    }
    if e.starts_with("invalid type: string") {
        return "a string (often a placeholder like \"String\") where the docs say a number or boolean";
    }
    if e.starts_with("invalid type: map") && e.contains("expected a sequence") {
        return "an object where the docs say a collection";
    }
    if e.starts_with("invalid type: map") {
        return "an object where the docs say a single value";
    }
    if e.starts_with("invalid type: sequence") {
        return "a list where the docs say a single value";
    }
    if e.starts_with("invalid type: integer")
        || e.starts_with("invalid type: floating point")
        || e.starts_with("invalid type: boolean")
    {
        return "a number or boolean where the docs say another type";
    }
    if e.starts_with("invalid type: null") {
        return "null inside a collection";
    }
    if e.starts_with("invalid value") {
        return "a number out of range for its type";
    }
    "another deserialization error"
}
