#!/usr/bin/env bash
# One stage of Pawtrack on AWS: `deploy/aws.sh deploy|destroy dev|test|prod` (make deploy-aws,
# make destroy-aws). Idempotent: deploying again updates the stack.
#
# What it asks of the environment (none is a secret):
#   ALARM_EMAIL      who gets the alarms and budget notices (optional)
#   MONTHLY_BUDGET   the account's monthly budget in USD (default 25)
#   AWS_REGION       where the stack goes (else the AWS CLI's profile region)
# Push notifications: if SSM Parameter Store holds the stage's APNs and FCM credentials as
# SecureString parameters (/pawtrack/<stage>/apns-signing-key, apns-key-id, apns-team-id,
# apns-bundle-id, fcm-service-account), the SNS platform applications are made or updated from
# them; otherwise the stage deploys without (pushes go to the log).
source "$(dirname "$0")/common.sh"

ACTION="${1:-}"
STAGE="$(checked_stage "${2:-}")"
SAM="${SAM:-.venv-sam/bin/sam}"
STACK="pawtrack-$STAGE"
PARAMETERS="/pawtrack/$STAGE"

need aws "the AWS CLI, with credentials for the target account"

# The ARN of the stage's platform application `name` (made or updated from SSM), or "".
platform_application() {
    local name="$1" platform="$2" attributes="$3" existing
    existing="$(answer "" aws sns list-platform-applications --output text \
        --query "PlatformApplications[?ends_with(PlatformApplicationArn, '/$name')].PlatformApplicationArn | [0]")"
    if [[ -n "$existing" && "$existing" != "None" ]]; then
        run aws sns set-platform-application-attributes --platform-application-arn "$existing" \
            --attributes "file://$attributes"
        printf '%s' "$existing"
    else
        answer "<arn of $name>" aws sns create-platform-application --name "$name" \
            --platform "$platform" --attributes "file://$attributes" \
            --query PlatformApplicationArn --output text
    fi
}

secure_parameter() {
    answer "<$1>" aws ssm get-parameter --name "$PARAMETERS/$1" --with-decryption \
        --query Parameter.Value --output text
}

# Both ARNs, or two empty strings when the stage keeps no push credentials.
push_applications() {
    local found
    found="$(answer "<apns-signing-key exists>" aws ssm get-parameters-by-path --path "$PARAMETERS" \
        --query "length(Parameters[?ends_with(Name, '/apns-signing-key') || ends_with(Name, '/fcm-service-account')])" \
        --output text)"
    if [[ -z "$DRY_RUN" && "$found" != "2" ]]; then
        say "no APNs and FCM credentials under $PARAMETERS: pushes go to the log"
        printf '\t'
        return
    fi
    local apns fcm ios android
    apns="$(umask 077 && mktemp)"  # readable by this user only; gone when this subshell ends
    fcm="$(umask 077 && mktemp)"
    trap "rm -f '$apns' '$fcm'" EXIT
    if [[ -z "$DRY_RUN" ]]; then  # the attributes, secrets included, go to the files only
        python3 - "$apns" "$fcm" \
            "$(secure_parameter apns-signing-key)" "$(secure_parameter apns-key-id)" \
            "$(secure_parameter apns-team-id)" "$(secure_parameter apns-bundle-id)" \
            "$(secure_parameter fcm-service-account)" <<'PY'
import json, sys
apns, fcm, key, key_id, team, bundle, account = sys.argv[1:]
json.dump({"PlatformCredential": key, "PlatformPrincipal": key_id, "ApplePlatformTeamID": team,
           "ApplePlatformBundleID": bundle}, open(apns, "w"))
json.dump({"PlatformCredential": account}, open(fcm, "w"))
PY
    fi
    ios="$(platform_application "pawtrack-$STAGE-ios" APNS "$apns")"
    android="$(platform_application "pawtrack-$STAGE-android" GCM "$fcm")"
    printf '%s\t%s' "$ios" "$android"
}

deploy() {
    if [[ ! -x "$SAM" && -z "$DRY_RUN" ]]; then
        SAM=sam
    fi
    need "$SAM" "the SAM CLI (make .venv-sam/bin/sam)"
    local push ios android
    push="$(push_applications)"
    ios="${push%%$'\t'*}"
    android="${push#*$'\t'}"
    run "$SAM" build --config-env "$STAGE"
    run "$SAM" deploy --config-env "$STAGE" --no-progressbar --parameter-overrides \
        "Stage=${STAGE^^}" \
        "AlarmEmail=${ALARM_EMAIL:-}" \
        "MonthlyBudgetUsd=${MONTHLY_BUDGET:-25}" \
        "ApnsPlatformApplicationArn=$ios" \
        "FcmPlatformApplicationArn=$android"
    run aws cloudformation describe-stacks --stack-name "$STACK" \
        --query "Stacks[0].Outputs[].[OutputKey, OutputValue]" --output table
}

destroy() {
    confirmed "$STACK" "(and the table's and user pool's deletion protection off)"
    local bucket
    bucket="$(answer "<BlobBucketName output>" aws cloudformation describe-stacks --stack-name "$STACK" \
        --query "Stacks[0].Outputs[?OutputKey=='BlobBucketName'].OutputValue | [0]" --output text)"
    run aws s3 rm "s3://$bucket" --recursive
    need "$SAM" "the SAM CLI (make .venv-sam/bin/sam)"
    run "$SAM" delete --config-env "$STAGE" --no-prompts
    say "the platform applications pawtrack-$STAGE-ios/-android and $PARAMETERS/* stay (delete them by hand)"
}

perform "$ACTION"
