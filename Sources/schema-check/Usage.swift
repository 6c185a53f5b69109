/// The `--help` text.
enum Usage {
    static let text = """
        usage: schema-check [OPTIONS] SCHEMA [INSTANCE ...]

        Validates each INSTANCE (a JSON file, or - for standard input) against the JSON Schema in
        SCHEMA and prints "FILE: valid" or one "FILE: /pointer: message" line per error. With no
        INSTANCE, only checks that SCHEMA compiles. Options may stand anywhere before "--".

        options:
          --lines FILE             validate each line of a JSON Lines file; print true or false per line
                                   (repeatable; blank lines and lines that are not JSON are false)
          --draft 4|7|2020-12      read the schema as this draft (default: its $schema, else 2020-12)
          --no-format-assertion    treat "format" as an annotation (default: formats are checked)
          --no-strict              ignore unknown keywords and formats (default: strict, they are
                                   schema errors, with the nearest known name as a suggestion)
          --remote BASEURL=DIR     resolve $refs under BASEURL to the *.json files under DIR
                                   (repeatable; nothing is ever fetched from the network; the
                                   metaschemas of draft-04 to 2020-12 are built in)
          --output basic           print the 2020-12 "basic" output JSON, one line per instance
          --repeat N               parse and validate each input N times, print the last result
                                   (for benchmarks)
          --opensearch-template PATTERN  print an OpenSearch index template for indices matching
                                   PATTERN, mapped from SCHEMA (unmapped fields listed on stderr)
          -h, --help               print this text

        exit status: 0 all valid; 1 any instance or line invalid or not JSON;
                     2 bad usage, unreadable file, or a schema that is not JSON or does not compile
        """
}
