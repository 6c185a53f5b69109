# shellcheck shell=bash
# Shared by scripts/deploy and scripts/destroy: the AWS CLI wrapper that --dry-run turns into
# printing, look-ups that treat "not found" as empty, and the clean-up of an API either script removes.
#
# Callers set ESP_TOOL (name for messages), ESP_DRY_RUN (0/1) and ESP_REGION, and open two file
# descriptors: 3 receives the CLI's answers of changing calls (normally /dev/null; esp_call_capture
# points it at a variable), 4 is where --dry-run prints the commands (the script's stdout).

ESP_TAG_KEY="esproxy"

esp_log() { echo "$ESP_TOOL: $*" >&2; }
esp_die() { echo "$ESP_TOOL: error: $*" >&2; exit 1; }

# Quotes one word for display so the printed dry-run commands can be pasted into a shell.
esp_quote() {
    local s="$1"
    if [[ "$s" =~ ^[A-Za-z0-9_./:=,@+%^-]+$ ]]; then
        printf '%s' "$s"
    else
        printf "'%s'" "${s//\'/\'\\\'\'}"
    fi
}

esp_print_command() {
    local out="" word
    for word in "$@"; do out+="$(esp_quote "$word") "; done
    echo "${out% }"
}

# The AWS CLI with the region and, when set, AWS_ENDPOINT_URL (a local emulator such as moto).
esp_aws_argv() {
    ESP_AWS=(aws --region "$ESP_REGION")
    if [ -n "${AWS_ENDPOINT_URL:-}" ]; then ESP_AWS+=(--endpoint-url "$AWS_ENDPOINT_URL"); fi
}

# A call that changes something. Dry run: print it (without the endpoint) and print $ESP_PLACEHOLDER
# as its "output" so later steps have an id to show.
esp_call() {
    if [ "$ESP_DRY_RUN" = 1 ]; then
        esp_print_command aws --region "$ESP_REGION" "$@" >&4
        if [ -n "${ESP_PLACEHOLDER:-}" ]; then echo "$ESP_PLACEHOLDER" >&3; fi
        return 0
    fi
    esp_aws_argv
    local err
    if ! err=$("${ESP_AWS[@]}" "$@" 2>&1 >&3); then
        esp_die "aws $1 $2 failed: $err"
    fi
}

# A read. Prints the result (text output, "None" turned into nothing); a missing resource prints
# nothing; any other failure stops the script. Dry run: prints nothing and calls nothing.
esp_read() {
    [ "$ESP_DRY_RUN" = 1 ] && return 0
    esp_aws_argv
    local out err status=0
    err=$(mktemp)
    out=$("${ESP_AWS[@]}" --output text "$@" 2>"$err") || status=$?
    if [ $status -ne 0 ]; then
        if grep -qE 'NotFound|NoSuchEntity|does not exist|not found|cannot be found' "$err"; then
            rm -f "$err"
            return 0
        fi
        local message
        message=$(cat "$err")
        rm -f "$err"
        esp_die "aws $1 $2 failed: $message"
    fi
    rm -f "$err"
    [ "$out" = "None" ] && out=""
    printf '%s' "$out"
}

# A read made even in a dry run (destroy decides with it what it would delete).
esp_read_always() { ESP_DRY_RUN=0 esp_read "$@"; }

# Runs a changing call and captures its stdout (the CLI's answer) into the named variable.
esp_call_capture() {
    local __var="$1"; shift
    local __out
    __out=$( { esp_call "$@"; } 3>&1 )
    printf -v "$__var" '%s' "$__out"
}

esp_rest_api_id() {
    esp_read apigateway get-rest-apis --query "items[?name=='$1'].id | [0]"
}

esp_http_api_id() {
    esp_read apigatewayv2 get-apis --query "Items[?Name=='$1' && ProtocolType=='HTTP'].ApiId | [0]"
}

# Removes the REST API or HTTP API named $2 (kind $1) when it carries our tag: an API of the same
# name that some other tool made is left alone. Reads even in a dry run (needs credentials).
esp_delete_api() {
    local kind="$1" name="$2" id tag
    if [ "$kind" = rest ]; then
        id=$(ESP_DRY_RUN=0 esp_rest_api_id "$name")
        [ -n "$id" ] || return 0
        tag=$(esp_read_always apigateway get-rest-api --rest-api-id "$id" --query "tags.$ESP_TAG_KEY")
        if [ "$tag" != "$name" ]; then esp_log "REST API $name ($id) is not tagged $ESP_TAG_KEY=$name; left alone"; return 0; fi
        esp_log "deleting REST API $name ($id)"
        esp_call apigateway delete-rest-api --rest-api-id "$id"
    else
        id=$(ESP_DRY_RUN=0 esp_http_api_id "$name")
        [ -n "$id" ] || return 0
        tag=$(esp_read_always apigatewayv2 get-api --api-id "$id" --query "Tags.$ESP_TAG_KEY")
        if [ "$tag" != "$name" ]; then esp_log "HTTP API $name ($id) is not tagged $ESP_TAG_KEY=$name; left alone"; return 0; fi
        esp_log "deleting HTTP API $name ($id)"
        esp_call apigatewayv2 delete-api --api-id "$id"
    fi
}

# The usage plan deploy made for NAME (its API keys hang on it): found by name and our tag.
esp_usage_plan_id() {
    esp_read apigateway get-usage-plans --query "items[?name=='$1' && tags.$ESP_TAG_KEY=='$1'].id | [0]"
}

# The API keys deploy made for NAME, one "id<TAB>name" line each (found by our tag).
esp_api_keys() {
    esp_read apigateway get-api-keys --query "items[?tags.$ESP_TAG_KEY=='$1'].[id,name]"
}

# Removes the usage plan of NAME (its stages detached first: API Gateway refuses to delete a plan
# or a stage while they are associated) and every API key tagged for NAME. Reads even in a dry run.
esp_delete_usage_plan() {
    local name="$1" plan stage ops=() key key_name
    plan=$(ESP_DRY_RUN=0 esp_usage_plan_id "$name")
    if [ -n "$plan" ]; then
        for stage in $(esp_read_always apigateway get-usage-plan --usage-plan-id "$plan" \
                --query "apiStages[].join(':', [apiId, stage])"); do
            ops+=("op=remove,path=/apiStages,value=$stage")
        done
        if [ ${#ops[@]} -gt 0 ]; then
            esp_call apigateway update-usage-plan --usage-plan-id "$plan" --patch-operations "${ops[@]}"
        fi
        esp_log "deleting usage plan $name ($plan)"
        esp_call apigateway delete-usage-plan --usage-plan-id "$plan"
    fi
    while read -r key key_name; do
        [ -n "$key" ] || continue
        esp_log "deleting API key $key_name ($key)"
        esp_call apigateway delete-api-key --api-key "$key"
    done <<< "$(ESP_DRY_RUN=0 esp_api_keys "$name")"
}

# Region: --region, then AWS_REGION, AWS_DEFAULT_REGION, then the CLI's configuration.
esp_resolve_region() {
    local region="${1:-${AWS_REGION:-${AWS_DEFAULT_REGION:-}}}"
    if [ -z "$region" ]; then region=$(aws configure get region 2>/dev/null || true); fi
    [ -n "$region" ] || esp_die "no region: pass --region or set AWS_REGION"
    ESP_REGION="$region"
}

esp_check_name() {
    [[ "$1" =~ ^[A-Za-z][A-Za-z0-9_-]{0,49}$ ]] \
        || esp_die "--name must start with a letter and use at most 50 letters, digits, - or _ (got '$1')"
}

# The alarm topic and alarms deploy makes for NAME with --alarm-email (names fixed by NAME).
esp_alarm_names() { echo "$1-domain-errors $1-rejected-share"; }

# Removes the two alarms, the topic's subscriptions and the topic NAME-alarms, each only when it
# carries our tag esproxy=NAME. $2 is the account. Reads even in a dry run.
esp_delete_alarms() {
    local name="$1" account="$2" alarm topic sub
    for alarm in $(esp_alarm_names "$name"); do
        [ -n "$(esp_read_always cloudwatch describe-alarms --alarm-names "$alarm" --query 'MetricAlarms[0].AlarmName')" ] \
            || continue
        if [ "$(esp_read_always cloudwatch list-tags-for-resource \
                --resource-arn "arn:aws:cloudwatch:$ESP_REGION:$account:alarm:$alarm" \
                --query "Tags[?Key=='$ESP_TAG_KEY'].Value | [0]")" != "$name" ]; then
            esp_log "alarm $alarm is not tagged $ESP_TAG_KEY=$name; left alone"
            continue
        fi
        esp_log "deleting alarm $alarm"
        esp_call cloudwatch delete-alarms --alarm-names "$alarm"
    done
    topic="arn:aws:sns:$ESP_REGION:$account:$name-alarms"
    [ -n "$(esp_read_always sns get-topic-attributes --topic-arn "$topic" --query Attributes.TopicArn)" ] || return 0
    if [ "$(esp_read_always sns list-tags-for-resource --resource-arn "$topic" \
            --query "Tags[?Key=='$ESP_TAG_KEY'].Value | [0]")" != "$name" ]; then
        esp_log "SNS topic $name-alarms is not tagged $ESP_TAG_KEY=$name; left alone"
        return 0
    fi
    for sub in $(esp_read_always sns list-subscriptions-by-topic --topic-arn "$topic" --query 'Subscriptions[].SubscriptionArn'); do
        # An unconfirmed email subscription has no ARN yet ("PendingConfirmation"); it goes with the topic.
        [[ "$sub" == arn:* ]] || continue
        esp_call sns unsubscribe --subscription-arn "$sub"
    done
    esp_log "deleting SNS topic $name-alarms"
    esp_call sns delete-topic --topic-arn "$topic"
}
