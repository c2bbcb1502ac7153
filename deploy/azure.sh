#!/usr/bin/env bash
# One stage of Pawtrack on Azure: `deploy/azure.sh deploy|destroy dev|test|prod` (make
# deploy-azure, make destroy-azure). Idempotent: every step may run again.
#
# Deploying runs what README.md's five hand steps were: the resource group; the Bicep deployment
# without Event Grid subscriptions (they need the functions); the Graph client secret into Key
# Vault; the Functions package, published; the deployment again, with the subscriptions.
#
# What it asks of the environment:
#   ENTRA_TENANT_ID, API_AUDIENCE, MOBILE_CLIENT_ID, GRAPH_CLIENT_ID   the app registrations
#   ADMIN_ROLE_ID (optional), AZURE_LOCATION (default westeurope)
#   ALARM_EMAIL (optional), MONTHLY_BUDGET (default 25)
#   PUSH_CONFIGURED=true once the Notification Hub has its APNs and FCM credentials (else the
#     stage pushes into the log)
#   GRAPH_CLIENT_SECRET (optional): put into Key Vault through a file, never on a command line;
#     without it the secret must be in the vault already
source "$(dirname "$0")/common.sh"

ACTION="${1:-}"
STAGE="$(checked_stage "${2:-}")"
GROUP="pawtrack-$STAGE"
DEPLOYMENT="pawtrack"

need az "the Azure CLI, signed in to the target subscription (az login)"

setting() {  # a required setting, or a placeholder in a dry run
    local value="${!1:-}"
    if [[ -z "$value" && -z "$DRY_RUN" ]]; then
        echo "$1 is needed (see README.md, Deploying to Azure)" >&2
        exit 2
    fi
    printf '%s' "${value:-<$1>}"
}

parameters() {  # the Bicep parameters, and whether to subscribe the functions ($1)
    printf '%s\n' \
        "stage=$STAGE" \
        "entraTenantId=$(setting ENTRA_TENANT_ID)" \
        "apiAudience=$(setting API_AUDIENCE)" \
        "mobileClientId=$(setting MOBILE_CLIENT_ID)" \
        "graphClientId=$(setting GRAPH_CLIENT_ID)" \
        "adminRoleId=${ADMIN_ROLE_ID:-}" \
        "graphPrincipalId=${GRAPH_PRINCIPAL_ID:-}" \
        "alarmEmail=${ALARM_EMAIL:-}" \
        "monthlyBudget=${MONTHLY_BUDGET:-25}" \
        "pushConfigured=${PUSH_CONFIGURED:-false}" \
        "deployEventSubscriptions=$1"
}

infrastructure() {
    local given=()
    mapfile -t given < <(parameters "$1")
    run az deployment group create --resource-group "$GROUP" --name "$DEPLOYMENT" \
        --template-file infra/azure/main.bicep --parameters "${given[@]}" --output none
}

output() {
    answer "<$1 output>" az deployment group show --resource-group "$GROUP" --name "$DEPLOYMENT" \
        --query "properties.outputs.$1.value" --output tsv
}

graph_secret() {
    local vault="$1" file
    if [[ -n "${GRAPH_CLIENT_SECRET:-}" ]]; then
        file="$(umask 077 && mktemp)"
        trap "rm -f '$file'" EXIT
        [[ -n "$DRY_RUN" ]] || printf '%s' "$GRAPH_CLIENT_SECRET" >"$file"
        run az keyvault secret set --vault-name "$vault" --name graph-client-secret \
            --file "$file" --output none
    else
        say "GRAPH_CLIENT_SECRET not given: the vault must hold graph-client-secret already"
        run az keyvault secret show --vault-name "$vault" --name graph-client-secret \
            --query id --output tsv
    fi
}

durable_key() {
    # The Durable extension's system key, which DurableApprovalWorkflow starts the approval
    # orchestration and raises decisions with; the host makes it once the code is published.
    local vault="$1" app="$2" file
    file="$(umask 077 && mktemp)"
    trap "rm -f '$file'" EXIT
    [[ -n "$DRY_RUN" ]] || az functionapp keys list --resource-group "$GROUP" --name "$app" \
        --query systemKeys.durabletask_extension --output tsv >"$file"
    run az keyvault secret set --vault-name "$vault" --name durable-system-key \
        --file "$file" --output none
}

publish() {
    run make azure-package  # build/azure and build/azure.zip
    run az functionapp deployment source config-zip --resource-group "$GROUP" --name "$1" \
        --src build/azure.zip --build-remote true
}

deploy() {
    run az group create --name "$GROUP" --location "${AZURE_LOCATION:-westeurope}" \
        --tags project=pawtrack "stage=$STAGE" --output none
    infrastructure false
    graph_secret "$(output vaultName)"
    publish "$(output functionAppName)"
    durable_key "$(output vaultName)" "$(output functionAppName)"
    infrastructure true
    run az deployment group show --resource-group "$GROUP" --name "$DEPLOYMENT" \
        --query properties.outputs --output json
}

destroy() {
    confirmed "$GROUP"
    local vault
    vault="$(output vaultName)"
    run az group delete --name "$GROUP" --yes
    if [[ "$STAGE" != prod ]]; then  # its name comes back with the next deployment: free it
        run az keyvault purge --name "$vault"
    fi
}

perform "$ACTION"
