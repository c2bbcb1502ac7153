"""AWS adapters (DynamoDB, SNS, Cognito, S3, SQS, EventBridge, API Gateway WebSockets): issue 3."""
