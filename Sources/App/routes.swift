import Vapor

/// Every route, grouped by feature.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: HomeController())
    try app.register(collection: AccountPagesController())
    try app.register(collection: SettingsController())
    try app.register(collection: AccountsAPIController())
    try app.register(collection: TusController())
    try app.register(collection: UploadPagesController())
    try app.register(collection: VideosAPIController())
    try app.register(collection: MediaController())
    try app.register(collection: VideoPageController())
    try app.register(collection: FeedController())
    try app.register(collection: ReactionsController())
    try app.register(collection: SavedAndLikedPagesController())
    try app.register(collection: CommentsController())
    try app.register(collection: CreatorsController())
    try app.register(collection: AvatarMediaController())
    try app.register(collection: NotificationsController())
    try app.register(collection: ViewsController())
    try app.register(collection: HashtagsController())
    try app.register(collection: TopicsController())
    try app.register(collection: PracticesAdminController())
    try app.register(collection: PracticePagesController())
    try app.register(collection: TopicPagesController())
    try app.register(collection: SearchController())
    try app.register(collection: StudioController())
    try app.register(collection: StudioAPIController())
    // Last: `/@{handle}` is one path segment, matched only when no other route is.
    try app.register(collection: ProfilePagesController(multipartFormLimit: app.mindreel.config.multipartFormLimit))
    try app.register(collection: OpenAPIController(documentPath: app.directory.resourcesDirectory + "openapi.json"))
    try app.register(collection: GuidelinesController())
    try app.register(collection: ReportsController())
    try app.register(collection: BlocksController())
    try app.register(collection: ModerationAPIController())
    try app.register(collection: ModerationPagesController())
    // After every route: each gets the access policy's gate, and one without an entry in
    // RouteAccess.table stops the app from starting.
    try RouteAccess.install(on: app)
}
